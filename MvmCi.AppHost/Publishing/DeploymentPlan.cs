using Microsoft.Extensions.Configuration;

namespace MvmCi.AppHost.Publishing;

/// <summary>
/// What <see cref="DeploymentWriter"/> generates: the topology, how many workers (and, for <see cref="Topology.Pool"/>,
/// executors), where the images come from and the Redis key prefix.
/// </summary>
/// <param name="ImageRegistry">Prefix of the images: <c>mvmci</c> means <c>mvmci/controlplane</c>, <c>mvmci/worker</c>, <c>mvmci/flawless</c>.</param>
public sealed record DeploymentPlan(
    Topology Topology,
    int Workers,
    int Executors = 2,
    string ImageRegistry = "mvmci",
    string ImageTag = "latest",
    string KeyspacePrefix = "mvmci")
{
    /// <summary>The image names, without registry or tag; the registry is prepended, the tag appended.</summary>
    public static readonly IReadOnlyList<string> Components = ["controlplane", "worker", "flawless"];

    /// <summary>
    /// A plan for the AppHost's topology and counts, with <c>ImageRegistry</c>, <c>ImageTag</c> and <c>KeyspacePrefix</c>
    /// from configuration (<c>--ImageRegistry ghcr.io/acme/mvmci --ImageTag 1.4.0</c>, or the same as environment/appsettings).
    /// </summary>
    public static DeploymentPlan From(IConfiguration configuration, Topology topology, int workers, int executors)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new DeploymentPlan(
            topology, workers, executors,
            NonEmpty(configuration["ImageRegistry"]) ?? "mvmci",
            NonEmpty(configuration["ImageTag"]) ?? "latest",
            NonEmpty(configuration["KeyspacePrefix"]) ?? "mvmci");

        static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>The plan's images as <c>registry/component:tag</c>.</summary>
    public string Image(string component) => $"{ImageRegistry.TrimEnd('/')}/{component}:{ImageTag}";

    /// <summary>Whether the topology runs Flawless executors of its own (all but <see cref="Topology.Embedded"/>).</summary>
    public bool HasExecutors => Topology != Topology.Embedded;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first value a deployment cannot be made of.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Topology))
        {
            throw new ArgumentException($"Unknown topology {(int)Topology}; valid: {TopologyNames.All}.", nameof(Topology));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(Workers, 1, nameof(Workers));
        ArgumentOutOfRangeException.ThrowIfLessThan(Executors, 1, nameof(Executors));
        ArgumentException.ThrowIfNullOrWhiteSpace(ImageRegistry, nameof(ImageRegistry));
        ArgumentException.ThrowIfNullOrWhiteSpace(ImageTag, nameof(ImageTag));
        ArgumentException.ThrowIfNullOrWhiteSpace(KeyspacePrefix, nameof(KeyspacePrefix));
        if (ImageTag.Any(c => char.IsWhiteSpace(c) || c is ':' or '/') || ImageRegistry.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException($"Not a valid image registry/tag: '{ImageRegistry}', '{ImageTag}'.", nameof(ImageTag));
        }
    }
}
