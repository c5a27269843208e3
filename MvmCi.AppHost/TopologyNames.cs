namespace MvmCi.AppHost;

/// <summary>The names a topology is given on the command line, in configuration and in published output.</summary>
public static class TopologyNames
{
    private static readonly (Topology Topology, string Name)[] Names =
    [
        (Topology.Shared, "shared"),
        (Topology.PerWorker, "per-worker"),
        (Topology.Pool, "pool"),
        (Topology.Embedded, "embedded"),
    ];

    /// <summary>Every valid name, for error messages.</summary>
    public static string All => string.Join(", ", Names.Select(n => n.Name));

    public static string Name(this Topology topology) => Names.First(n => n.Topology == topology).Name;

    public static bool TryParse(string? text, out Topology topology)
    {
        foreach (var (candidate, name) in Names)
        {
            if (string.Equals(text?.Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                topology = candidate;
                return true;
            }
        }
        topology = default;
        return false;
    }
}
