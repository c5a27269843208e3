namespace MvmCi.Bench.Load;

/// <summary>Exact percentiles (nearest rank) of every sample, in milliseconds.</summary>
public sealed record LatencySummary(int Count, double Min, double Mean, double P50, double P90, double P95, double P99, double P999, double Max)
{
    public static readonly LatencySummary Empty = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public static LatencySummary Of(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0)
        {
            return Empty;
        }
        return new LatencySummary(sorted.Length, sorted[0], sorted.Average(), Percentile(sorted, 50), Percentile(sorted, 90),
            Percentile(sorted, 95), Percentile(sorted, 99), Percentile(sorted, 99.9), sorted[^1]);
    }

    /// <summary>The nearest-rank percentile of an ascending array.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percent)
    {
        if (sorted.Count == 0)
        {
            return 0;
        }
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
