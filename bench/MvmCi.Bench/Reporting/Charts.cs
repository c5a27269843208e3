using ScottPlot;
using ScottPlot.TickGenerators;

namespace MvmCi.Bench.Reporting;

/// <summary>
/// The PNG charts, with ScottPlot. Latency is drawn as a percentile curve on HdrHistogram's axis (the x position
/// of percentile p is −log10(1 − p), so p90, p99 and p99.9 are evenly spaced) over a logarithmic millisecond axis.
/// </summary>
public static class Charts
{
    private const int Width = 1000;
    private const int Height = 600;
    private const double MaxNines = 3; // p99.9

    public static string Latency(IReadOnlyDictionary<int, double[]> latencies, string path)
    {
        using var plot = new Plot();
        var max = 1.0;
        foreach (var (concurrency, samples) in latencies.OrderBy(l => l.Key))
        {
            if (samples.Length == 0)
            {
                continue;
            }
            var sorted = samples.Order().ToArray();
            var xs = Enumerable.Range(0, 200).Select(i => MaxNines * i / 199).ToArray();
            var ys = xs.Select(x => Math.Log10(Math.Max(Load.LatencySummary.Percentile(sorted, 100 * (1 - Math.Pow(10, -x))), 0.01))).ToArray();
            max = Math.Max(max, sorted[^1]);
            var line = plot.Add.ScatterLine(xs, ys);
            line.LegendText = $"{concurrency} concurrent";
            line.LineWidth = 2;
        }
        plot.Axes.Bottom.TickGenerator = new NumericManual([0, Math.Log10(2), 1, 2, 3], ["p0", "p50", "p90", "p99", "p99.9"]);
        var decades = Enumerable.Range(-1, (int)Math.Ceiling(Math.Log10(max)) + 2).Select(d => (double)d).ToArray();
        plot.Axes.Left.TickGenerator = new NumericManual(decades, [.. decades.Select(d => FormatMs(Math.Pow(10, d)))]);
        plot.Title("Submit → final answer, per concurrency level");
        plot.XLabel("percentile");
        plot.YLabel("latency (log scale)");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, Width, Height);
        return path;
    }

    public static string ThroughputVsWorkers(IReadOnlyList<SweepPoint> sweep, string path) =>
        PerTopology(sweep, path, "Throughput vs workers per topology", "jobs/s", [(p => p.JobsPerSecond, "", LinePattern.Solid)]);

    public static string LatencyVsWorkers(IReadOnlyList<SweepPoint> sweep, string path) =>
        PerTopology(sweep, path, "Latency vs workers per topology (solid p50, dashed p99)", "ms",
            [(p => p.Latency.P50, " p50", LinePattern.Solid), (p => p.Latency.P99, " p99", LinePattern.Dashed)]);

    private static string PerTopology(IReadOnlyList<SweepPoint> sweep, string path, string title, string yLabel,
        IReadOnlyList<(Func<SweepPoint, double> Value, string Suffix, LinePattern Pattern)> series)
    {
        using var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var topologies = sweep.Where(p => p.Error is null).GroupBy(p => p.Topology).ToList();
        for (var t = 0; t < topologies.Count; t++)
        {
            var points = topologies[t].OrderBy(p => p.Workers).ToArray();
            var xs = points.Select(p => Math.Log2(p.Workers)).ToArray();
            foreach (var (value, suffix, pattern) in series)
            {
                var line = plot.Add.Scatter(xs, [.. points.Select(value)]);
                line.LegendText = topologies[t].Key + suffix;
                line.Color = palette.GetColor(t);
                line.LinePattern = pattern;
                line.LineWidth = 2;
                line.MarkerSize = 7;
            }
        }
        var workers = sweep.Select(p => p.Workers).Distinct().Order().ToArray();
        plot.Axes.Bottom.TickGenerator = new NumericManual([.. workers.Select(w => Math.Log2(w))], [.. workers.Select(w => w.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        plot.Axes.SetLimitsY(0, sweep.Where(p => p.Error is null).Select(p => series.Max(s => s.Value(p))).DefaultIfEmpty(1).Max() * 1.1);
        plot.Title(title);
        plot.XLabel("workers (log scale)");
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, Width, Height);
        return path;
    }

    private static string FormatMs(double ms) => ms switch
    {
        >= 1000 => $"{ms / 1000:0.#} s",
        >= 1 => $"{ms:0} ms",
        _ => $"{ms:0.#} ms",
    };
}
