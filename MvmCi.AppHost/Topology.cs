namespace MvmCi.AppHost;

/// <summary>Where the Flawless executor lives (the seed's deployment options); see <see cref="TopologyNames"/>.</summary>
public enum Topology
{
    /// <summary>One executor that every worker uses (the seed's option 4).</summary>
    Shared,

    /// <summary>Each worker has its own executor and uses only that one (option 1).</summary>
    PerWorker,

    /// <summary>A pool of executors that workers spread their calls over (option 3).</summary>
    Pool,

    /// <summary>The executor core runs inside each worker process: no network hop.</summary>
    Embedded,
}
