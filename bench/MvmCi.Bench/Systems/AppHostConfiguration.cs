namespace MvmCi.Bench.Systems;

/// <summary>What to start: the AppHost's own parameters.</summary>
public sealed record AppHostConfiguration(string Topology, int Workers, int Executors, int? Slots = null, int? Retention = null)
{
    /// <summary>The AppHost's arguments for this configuration (without the per-run key prefix and data directory).</summary>
    public IEnumerable<string> Arguments()
    {
        yield return "--topology";
        yield return Topology;
        yield return "--workers";
        yield return Workers.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (Slots is { } slots)
        {
            yield return "--slots";
            yield return slots.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (Retention is { } retention)
        {
            yield return "--retention";
            yield return retention.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (Topology == "pool")
        {
            yield return "--executors";
            yield return Executors.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The executor services this configuration has (embedded executors are inside the workers).</summary>
    public int ExecutorServices => Topology switch
    {
        "shared" => 1,
        "per-worker" => Workers,
        "pool" => Executors,
        _ => 0,
    };

    public override string ToString() =>
        (Topology == "pool" ? $"{Topology} ({Executors} executors), {Workers} workers" : $"{Topology}, {Workers} workers")
        + (Slots is { } slots ? $" × {slots} slots" : "");
}
