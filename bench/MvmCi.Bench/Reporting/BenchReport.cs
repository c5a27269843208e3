using MvmCi.Bench.Options;

namespace MvmCi.Bench.Reporting;

/// <summary>Everything one run measured: what <c>report.json</c> holds and <c>report.md</c> shows.</summary>
public sealed record BenchReport
{
    public required DateTimeOffset StartedAt { get; init; }
    public required double DurationSeconds { get; init; }
    public required string Command { get; init; }
    public required MachineInfo Machine { get; init; }
    public required BenchOptions Options { get; init; }
    /// <summary><c>apphost</c> (started by the harness) or the <c>--url</c> it targeted.</summary>
    public required string Target { get; init; }
    public StartupReport? Startup { get; init; }
    public FloorsReport? Floors { get; init; }
    public IReadOnlyList<LevelReport> Levels { get; init; } = [];
    /// <summary>Memory before the first level, after the last, and after the retention (with <c>--retention</c>).</summary>
    public MemoryReport? Memory { get; init; }
    public IReadOnlyList<SweepPoint> Sweep { get; init; } = [];
    /// <summary>Lines the services logged as errors during the main run, by resource (see services.log).</summary>
    public IReadOnlyDictionary<string, int> ServiceErrorLines { get; init; } = new Dictionary<string, int>();
}
