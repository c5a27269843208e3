using System.Text.Json;

namespace MvmCi.Cli.Tests;

public sealed class WorkersAndStatsTests : FakeServerTests
{
    [Fact]
    public async Task WorkersPrintsOneRowPerWorker()
    {
        var result = await RunAsync("workers");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.TrimEnd().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^ID\s+STATE\s+QUEUES\s+SLOTS\s+RUNNING\s+COMPLETED\s+FAILED\s+LAST SEEN\s+HOST$", lines[0]);
        Assert.Matches(@"^worker-1\s+online\s+default\s+4\s+2\s+12\s+1\s", lines[1]);
        Assert.Matches(@"^worker-2\s+draining\s", lines[2]);
    }

    [Fact]
    public async Task WorkersAsJson()
    {
        var result = await RunAsync("workers", "--output", "json");

        using var document = JsonDocument.Parse(result.Out);
        Assert.Equal("worker-2", document.RootElement.GetProperty("items")[1].GetProperty("id").GetString());
    }

    [Fact]
    public async Task StatsPrintsTheCountsPerStatus()
    {
        var result = await RunAsync("stats");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.TrimEnd().Split('\n');
        Assert.Matches(@"^PENDING\s+CLAIMED\s+RUNNING\s+COMPLETED\s+FAILED\s+CANCELLED\s+TOTAL$", lines[0]);
        Assert.Matches(@"^4\s+1\s+2\s+37\s+3\s+1\s+48$", lines[1]);
    }

    [Fact]
    public async Task StatsAsJson()
    {
        var result = await RunAsync("stats", "-o", "json");

        using var document = JsonDocument.Parse(result.Out);
        Assert.Equal(48, document.RootElement.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task StatsWatchRefreshesUntilCancelledAndExitsZero()
    {
        using var output = new StringWriter();
        var synchronizedOutput = TextWriter.Synchronized(output);
        using var error = new StringWriter();
        using var stop = new CancellationTokenSource();
        var watch = MvmCiCli.RunAsync(Cli.Against(Server, "stats", "--watch"), new CliSettings(synchronizedOutput, error) { HandleTermination = false }, stop.Token);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Server.Requests.Count(r => r == "GET /api/queue/stats") < 2 && DateTime.UtcNow < deadline && !watch.IsCompleted)
        {
            await Task.Delay(50);
        }
        await stop.CancelAsync();

        Assert.Equal(0, await watch);
        var printed = output.ToString();
        var lines = printed.TrimEnd().Split('\n');
        Assert.True(lines.Length >= 2, printed);
        Assert.All(lines, line => Assert.Matches(@"pending 4  claimed 1  running 2  completed 37  failed 3  cancelled 1  total 48$", line));
        Assert.Empty(error.ToString());
    }
}
