using Microsoft.AspNetCore.Authorization;
using MvmCi.Jobs.Security;

namespace MvmCi.ControlPlane.Security;

/// <summary>The authorization policies, one per role; an endpoint names the lowest role that may call it.</summary>
public static class AccessPolicies
{
    public const string Read = ApiRoles.Read;
    public const string Submit = ApiRoles.Submit;
    public const string Admin = ApiRoles.Admin;

    public static AuthorizationPolicy For(string role) => new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName)
        .RequireAuthenticatedUser()
        .RequireAssertion(context => CallerClaims.FromPrincipal(context.User) is { } caller && ApiRoles.Grants(caller.Role, role))
        .Build();

    /// <summary>The lowest role an endpoint asks for (the highest of its policies); read when it names none.</summary>
    public static string RequiredRole(Endpoint? endpoint)
    {
        var named = endpoint?.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>() ?? [];
        return named.Contains(Admin) ? Admin : named.Contains(Submit) ? Submit : Read;
    }
}
