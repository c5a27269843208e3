using MvmCi.Jobs.State;

namespace MvmCi.Bench.Load;

/// <summary>What one closed-loop phase did: every job that reached a final state, the ones that did not, and the errors.</summary>
public sealed record LoadRun(int Jobs, int Concurrency, double WallSeconds, IReadOnlyList<JobSample> Samples,
    int SubmitFailures, int TimedOut, IReadOnlyDictionary<string, int> Errors)
{
    public int Finished => Samples.Count;

    public int Completed => Samples.Count(s => s.Status == JobStatus.Completed);

    /// <summary>Jobs that reached a final state per second of the phase.</summary>
    public double JobsPerSecond => WallSeconds > 0 ? Finished / WallSeconds : 0;

    public LatencySummary Latency => LatencySummary.Of(Samples.Select(s => s.LatencyMs));

    public IReadOnlyDictionary<string, int> ByStatus =>
        Samples.GroupBy(s => s.Status).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    public IReadOnlyDictionary<string, int> ByWorker =>
        Samples.GroupBy(s => s.WorkerId ?? "(none)").OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
