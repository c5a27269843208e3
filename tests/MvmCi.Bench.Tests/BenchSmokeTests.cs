using System.Text.Json;
using MvmCi.Bench.Harness;
using MvmCi.Bench.Options;
using MvmCi.Bench.Reporting;

namespace MvmCi.Bench.Tests;

/// <summary>
/// A tiny run of the load-test harness against a freshly started system, so the harness cannot rot: it asserts that
/// the harness works (every file, a readable report, every job accounted for), never how fast anything is.
/// </summary>
public sealed class BenchSmokeTests : IDisposable
{
    private const int Jobs = 30;
    private const int Concurrency = 5;

    private readonly string _out = Path.Combine(Path.GetTempPath(), "mvmci-bench-smoke-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task TinyRunWritesAReportWhereEverySubmittedJobCompleted()
    {
        var options = new BenchOptions
        {
            Topology = "shared",
            Workers = 1,
            Jobs = Jobs,
            Levels = [Concurrency],
            WarmupJobs = 5,
            WarmupTime = TimeSpan.Zero,
            FloorIterations = 200,
            SettleTime = TimeSpan.Zero,
            Retention = 1,
            Out = _out,
        };
        using var log = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));

        var result = await new BenchHarness(options, log).RunAsync("smoke", timeout.Token);

        foreach (var file in new[] { ReportFiles.Json, ReportFiles.Markdown, ReportFiles.LatencyChart })
        {
            Assert.True(new FileInfo(Path.Combine(_out, file)) is { Exists: true, Length: > 0 }, $"{file} was not written. Log:\n{log}");
        }
        await using var json = File.OpenRead(Path.Combine(_out, ReportFiles.Json));
        var report = await JsonSerializer.DeserializeAsync<BenchReport>(json, ReportFiles.JsonOptions, timeout.Token);
        Assert.NotNull(report);
        var level = Assert.Single(report.Levels);
        Assert.Equal((Concurrency, Jobs, Jobs, Jobs, 0, 0), (level.Concurrency, level.Jobs, level.Finished, level.Completed, level.SubmitFailures, level.TimedOut));
        Assert.Equal(Jobs, level.Latency.Count);
        Assert.Equal(Jobs, level.ByWorker.Values.Sum());
        Assert.Equal(result.Report.Levels[0].Completed, level.Completed);
        Assert.NotNull(report.Floors?.Redis);
        Assert.Contains(report.Levels[0].Processes, p => p.Role == "worker");
        var worker = Assert.Single(report.Startup!.Workers);
        Assert.NotNull(worker.FirstClaimSeconds);
        Assert.Contains("| 5 | 30 | 30 |", await File.ReadAllTextAsync(Path.Combine(_out, ReportFiles.Markdown), timeout.Token));
        // With --retention 1 the run ends once the control plane removed every finished job (all of them are).
        Assert.NotNull(report.Memory?.RedisAfterRetention);
        Assert.Equal(0, report.Memory.RedisAfterRetention.Jobs);
        Assert.Contains(report.Memory.Processes, p => p.Name == "controlplane" && p.AfterRetentionRssMiB > 0);
    }

    [Fact]
    public void OptionsThatCannotWorkAreRejectedNamingTheOption()
    {
        var error = Assert.Throws<ArgumentException>(() => new BenchOptions { Sweep = true, Url = new Uri("http://localhost:3020") }.Validate());
        Assert.Contains("--sweep", error.Message, StringComparison.Ordinal);
        Assert.Contains("--levels", Assert.Throws<ArgumentException>(() => new BenchOptions { Levels = [0] }.Validate()).Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_out, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
