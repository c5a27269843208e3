using System.Text.Json;
using System.Text.Json.Serialization;

namespace MvmCi.Bench.Reporting;

/// <summary>Writes <c>report.json</c>, <c>report.md</c> and the charts into the out directory; returns their paths.</summary>
public static class ReportFiles
{
    public const string Json = "report.json";
    public const string Markdown = "report.md";
    public const string LatencyChart = "latency.png";
    public const string ThroughputChart = "throughput-vs-workers.png";
    public const string SweepLatencyChart = "latency-vs-workers.png";

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static async Task<IReadOnlyList<string>> WriteAsync(BenchReport report, IReadOnlyDictionary<int, double[]> latencies, string directory,
        CancellationToken cancellationToken)
    {
        var files = new List<string>();
        var json = Path.Combine(directory, Json);
        await using (var stream = File.Create(json))
        {
            await JsonSerializer.SerializeAsync(stream, report, JsonOptions, cancellationToken);
        }
        files.Add(json);

        var markdown = Path.Combine(directory, Markdown);
        await File.WriteAllTextAsync(markdown, MarkdownReport.Render(report), cancellationToken);
        files.Add(markdown);

        if (latencies.Count > 0)
        {
            files.Add(Charts.Latency(latencies, Path.Combine(directory, LatencyChart)));
        }
        if (report.Sweep.Any(p => p.Error is null))
        {
            files.Add(Charts.ThroughputVsWorkers(report.Sweep, Path.Combine(directory, ThroughputChart)));
            files.Add(Charts.LatencyVsWorkers(report.Sweep, Path.Combine(directory, SweepLatencyChart)));
        }
        return files;
    }
}
