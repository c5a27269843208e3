using MvmCi.Bench.Reporting;

namespace MvmCi.Bench.Harness;

/// <summary>The main run's results, with each level's raw latencies (milliseconds) for the charts.</summary>
public sealed record MainRun(StartupReport? Startup, FloorsReport Floors, IReadOnlyList<LevelReport> Levels,
    IReadOnlyDictionary<int, double[]> Latencies, IReadOnlyDictionary<string, int> ServiceErrorLines, MemoryReport Memory);
