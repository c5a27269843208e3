using MvmCi.Bench.Load;

namespace MvmCi.Bench.Reporting;

/// <summary>
/// One configuration of the sweep: throughput and latency, the start, and the system's summed resident memory
/// (peak) and CPU (percent of one core) over the measured phase, the harness not included. <see cref="Error"/> when it could not run.
/// </summary>
public sealed record SweepPoint(string Topology, int Workers, int Executors, int Jobs, int Concurrency, int Finished, int Completed,
    int SubmitFailures, int TimedOut, IReadOnlyDictionary<string, int> Errors, double JobsPerSecond, LatencySummary Latency,
    double? AllHealthySeconds, double SystemPeakRssMiB, double SystemCpuPercent, double ExecutorCpuPercent, double WorkerCpuPercent,
    double ControlPlaneCpuPercent, double RedisCpuPercent, string? Error);
