namespace MvmCi.Bench.Options;

/// <summary>Everything one run of the harness does; <see cref="Validate"/> names the first bad value.</summary>
public sealed record BenchOptions
{
    public static readonly IReadOnlyList<string> Topologies = ["shared", "per-worker", "pool", "embedded"];

    /// <summary>A running control plane to target instead of starting the AppHost.</summary>
    public Uri? Url { get; init; }

    /// <summary>With <see cref="Url"/>: the Redis the floor runs against (host:port); no Redis floor without it.</summary>
    public string? Redis { get; init; }

    public string Topology { get; init; } = "shared";
    public int Workers { get; init; } = 4;
    public int Executors { get; init; } = 2;

    /// <summary>Clients submit with <c>?wait=</c> (one request per job) instead of a submit and then a long poll.</summary>
    public bool OneRequest { get; init; }

    /// <summary>Jobs each worker runs at once (the AppHost's <c>--slots</c>); null: the worker's own default.</summary>
    public int? Slots { get; init; }

    /// <summary>
    /// Seconds finished jobs are kept (the AppHost's <c>--retention</c>); null: the control plane's default (7 days).
    /// With it, the run ends by waiting for the finished jobs to go and measuring memory against the baseline.
    /// </summary>
    public int? Retention { get; init; }

    /// <summary>Jobs measured at each concurrency level.</summary>
    public int Jobs { get; init; } = 5000;

    /// <summary>Concurrent logical clients, one measured phase each; 1 gives the unloaded latency the one-in-flight floors compare with.</summary>
    public IReadOnlyList<int> Levels { get; init; } = [1, 100, 500, 1000];

    /// <summary>Jobs run before each measured phase, not measured (0: none).</summary>
    public int WarmupJobs { get; init; } = 200;

    /// <summary>
    /// The warm-up goes on at least this long: .NET's tiered JIT needs many calls over some seconds before the
    /// services run optimised code, and a few hundred jobs after a start are not enough.
    /// </summary>
    public TimeSpan WarmupTime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one job may take from submit to its final answer before it counts as timed out.</summary>
    public TimeSpan JobTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Skip the concurrency levels (e.g. only the sweep).</summary>
    public bool SkipLevels { get; init; }

    /// <summary>Lifecycles (Redis) and executions (Wasmtime) timed one at a time for the floors.</summary>
    public int FloorIterations { get; init; } = 5000;

    public bool Sweep { get; init; }
    public IReadOnlyList<string> SweepTopologies { get; init; } = ["shared", "pool", "embedded"];
    public IReadOnlyList<int> SweepWorkers { get; init; } = [1, 2, 4, 8, 16];
    public int SweepJobs { get; init; } = 2000;
    public int SweepConcurrency { get; init; } = 200;

    /// <summary>How long processes get to settle after a phase before the "after" sample.</summary>
    public TimeSpan SettleTime { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Where the report goes; default artifacts/bench/&lt;timestamp&gt;/.</summary>
    public string? Out { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the option when a value cannot work.</summary>
    public void Validate()
    {
        Require(Url is null || Url.Scheme == Uri.UriSchemeHttp || Url.Scheme == Uri.UriSchemeHttps, "--url", "must be an http(s) address");
        Require(Topologies.Contains(Topology), "--topology", $"must be one of {string.Join(", ", Topologies)}");
        Require(Workers is >= 1 and <= 64, "--workers", "must be from 1 to 64");
        Require(Executors is >= 1 and <= 32, "--executors", "must be from 1 to 32");
        Require(Slots is null or (>= 1 and <= 1024), "--slots", "must be from 1 to 1024");
        Require(Retention is null or (>= 1 and <= 3600), "--retention", "must be from 1 to 3600 seconds");
        Require(Retention is null || Url is null, "--retention", "configures the AppHost the harness starts: it cannot be used with --url");
        Require(Jobs >= 1, "--jobs", "must be at least 1");
        Require(SkipLevels || Levels.Count > 0, "--levels", "needs at least one concurrency level");
        Require(Levels.All(l => l is >= 1 and <= 10_000), "--levels", "each level must be from 1 to 10000");
        Require(WarmupJobs >= 0, "--warmup", "must not be negative");
        Require(WarmupTime >= TimeSpan.Zero, "--warmup-seconds", "must not be negative");
        Require(JobTimeout > TimeSpan.Zero, "--job-timeout", "must be positive");
        Require(FloorIterations >= 10, "--floor-iterations", "must be at least 10");
        Require(!Sweep || Url is null, "--sweep", "starts the system itself for every configuration: it cannot be used with --url");
        Require(!SkipLevels || Sweep, "--skip-levels", "leaves nothing to run without --sweep");
        Require(SweepTopologies.All(Topologies.Contains), "--sweep-topologies", $"each must be one of {string.Join(", ", Topologies)}");
        Require(!Sweep || (SweepTopologies.Count > 0 && SweepWorkers.Count > 0), "--sweep-topologies", "the sweep needs topologies and worker counts");
        Require(SweepWorkers.All(w => w is >= 1 and <= 64), "--sweep-workers", "each must be from 1 to 64");
        Require(SweepJobs >= 1, "--sweep-jobs", "must be at least 1");
        Require(SweepConcurrency is >= 1 and <= 10_000, "--sweep-concurrency", "must be from 1 to 10000");
        Require(SettleTime >= TimeSpan.Zero, "--settle", "must not be negative");
    }

    private static void Require(bool condition, string option, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"{option} {message}.", option);
        }
    }
}
