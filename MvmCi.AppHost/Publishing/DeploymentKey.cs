namespace MvmCi.AppHost.Publishing;

/// <summary>
/// One of the keys a deployment needs, by the three names it goes by: the service's setting, the compose variable it
/// is interpolated from and its key in the Kubernetes Secret <see cref="DeploymentKeys.Secret"/>.
/// </summary>
internal sealed record DeploymentKey(string Setting, string Variable, string SecretKey)
{
    /// <summary>
    /// <c>${VARIABLE:?message}</c>: docker compose refuses to start, naming the variable, while it is unset or empty.
    /// </summary>
    public string ComposeValue =>
        $"${{{Variable}:?set {Variable} (at least {DeploymentKeys.MinimumLength} characters, e.g. {DeploymentKeys.GenerateCommand})}}";
}
