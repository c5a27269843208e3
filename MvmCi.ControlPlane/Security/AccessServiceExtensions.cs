using Microsoft.AspNetCore.Authentication;
using MvmCi.Jobs;

namespace MvmCi.ControlPlane.Security;

/// <summary>API keys, roles and rate limits for the control plane.</summary>
public static class AccessServiceExtensions
{
    public static IServiceCollection AddMvmCiAccess(this IServiceCollection services)
    {
        services.AddValidatedOptions<AccessOptions>(AccessOptions.SectionName);
        services.AddSingleton<ApiKeyValidator>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AccessPolicies.Read, AccessPolicies.For(AccessPolicies.Read))
            .AddPolicy(AccessPolicies.Submit, AccessPolicies.For(AccessPolicies.Submit))
            .AddPolicy(AccessPolicies.Admin, AccessPolicies.For(AccessPolicies.Admin))
            // Anything not marked otherwise (an endpoint added later, an unknown path) needs at least a read key.
            .SetFallbackPolicy(AccessPolicies.For(AccessPolicies.Read));
        services.AddMvmCiRateLimits();
        return services;
    }
}
