using MvmCi.Bench.Load;
using MvmCi.Bench.Processes;
using MvmCi.Jobs.Redis;

namespace MvmCi.Bench.Reporting;

/// <summary>One concurrency level of the main run.</summary>
public sealed record LevelReport(int Concurrency, int Jobs, int Finished, int Completed, IReadOnlyDictionary<string, int> ByStatus,
    int SubmitFailures, int TimedOut, IReadOnlyDictionary<string, int> Errors, double WallSeconds, double JobsPerSecond,
    LatencySummary Latency, Ratios Ratios, IReadOnlyList<ProcessUsage> Processes, IReadOnlyDictionary<string, int> ByWorker,
    QueueStats? StatsBefore, QueueStats? StatsAfter, double MachineCpuPercent);
