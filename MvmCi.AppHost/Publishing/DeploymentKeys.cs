using static MvmCi.AppHost.Publishing.DeploymentNames;

namespace MvmCi.AppHost.Publishing;

/// <summary>
/// The keys the services refuse to start without. The output never holds a value for them (it may be committed):
/// compose takes them from the environment or <c>.env</c>, Kubernetes from a Secret the operator creates.
/// </summary>
internal static class DeploymentKeys
{
    /// <summary>The Secret the operator creates with <see cref="CreateSecretCommand"/>; nothing in the output defines it.</summary>
    public const string Secret = "mvmci-keys";

    public const int MinimumLength = 24;

    /// <summary>48 hex digits: comfortably past the minimum, and safe in a URL, a header and a shell.</summary>
    public const string GenerateCommand = "openssl rand -hex 24";

    /// <summary>
    /// The secret every service of one deployment shares: workers present it to the executors, and job secrets are
    /// encrypted with a key derived from it, so changing it makes the stored ones unreadable.
    /// </summary>
    public static readonly DeploymentKey Service = new("Security__ServiceKey", "MVMCI_SERVICE_KEY", "service-key");

    /// <summary>The control plane's bootstrap admin API key, the one that creates the others (<c>POST /api/keys</c>).</summary>
    public static readonly DeploymentKey Admin = new("Access__AdminKey", "MVMCI_ADMIN_KEY", "admin-key");

    public static string CreateSecretCommand =>
        $"kubectl create secret generic {Secret} --from-literal={Service.SecretKey}=$({GenerateCommand}) --from-literal={Admin.SecretKey}=$({GenerateCommand})";

    /// <summary>The keys a component's containers get: the service key everywhere, the admin key on the control plane only.</summary>
    public static IReadOnlyList<DeploymentKey> For(string component) => component == ControlPlane ? [Service, Admin] : [Service];
}
