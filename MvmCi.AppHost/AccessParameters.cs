using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace MvmCi.AppHost;

/// <summary>
/// The deployment's two secrets, as Aspire parameters: <c>api-key</c> (the bootstrap admin API key: the dashboard signs
/// in with it, the CLI and curl send it) and <c>service-key</c> (what workers show executors, and what job secrets are
/// encrypted under). Both are generated once and kept in the AppHost's user secrets; <c>MVMCI_API_KEY</c> in the
/// environment, or <c>Parameters:api-key</c> in configuration, sets the API key instead.
/// </summary>
public sealed record AccessParameters(IResourceBuilder<ParameterResource> ApiKey, IResourceBuilder<ParameterResource> ServiceKey)
{
    public const string ApiKeyName = "api-key";
    public const string ServiceKeyName = "service-key";

    /// <summary>Whether <paramref name="key"/> is unset, or set only by the user secrets (where Aspire keeps generated values).</summary>
    private static bool AtMostInUserSecrets(ConfigurationManager configuration, string key)
    {
        // The last provider that has the key is the one whose value counts.
        var winner = ((IConfigurationRoot)configuration).Providers.LastOrDefault(p => p.TryGet(key, out _));
        return winner is null or JsonConfigurationProvider { Source.Path: "secrets.json" };
    }

    public static AccessParameters Add(IDistributedApplicationBuilder builder)
    {
        // MVMCI_API_KEY (what the CLI reads too) beats the key generated on an earlier run, not one given explicitly.
        if (builder.Configuration["MVMCI_API_KEY"] is { Length: > 0 } fromEnvironment && AtMostInUserSecrets(builder.Configuration, $"Parameters:{ApiKeyName}"))
        {
            builder.Configuration[$"Parameters:{ApiKeyName}"] = fromEnvironment;
        }
        var generated = new GenerateParameterDefault { MinLength = 40, Special = false };
        var apiKey = builder.AddParameter(ApiKeyName, generated, secret: true, persist: true)
            .WithDescription("The admin API key of this deployment: sign in to the dashboard with it (or use the control plane's 'Dashboard (signed in)' link); send it as 'Authorization: Bearer' or MVMCI_API_KEY.");
        var serviceKey = builder.AddParameter(ServiceKeyName, generated, secret: true, persist: true)
            .WithDescription("The secret the services share: workers present it to executors, and job secrets are encrypted with a key derived from it.");
        var access = new AccessParameters(apiKey, serviceKey);
        if (builder.ExecutionContext.IsRunMode)
        {
            builder.Eventing.Subscribe<BeforeStartEvent>(async (_, cancellationToken) =>
            {
                // Local development: the key where the person who ran the AppHost sees it first, ready to paste.
                var key = await apiKey.Resource.GetValueAsync(cancellationToken);
                Console.WriteLine($"MvmCi: the API key of this run (the 'api-key' parameter): export MVMCI_API_KEY={key}");
            });
        }
        return access;
    }
}
