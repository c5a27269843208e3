using MvmCi.Execution.Durable;
using MvmCi.Jobs.State;
using MvmCi.Testing;

namespace MvmCi.Execution.Tests;

/// <summary>
/// The journal: host calls are recorded in order, a run of the same job replays them without
/// performing them again, an HTTP call that was in flight is not re-sent, and only the current
/// attempt may write.
/// </summary>
public sealed class DurableExecutionTests : IDisposable
{
    private readonly ExecutorHarness _harness = new();
    private readonly RecordingHttpServer _server = new();

    public void Dispose()
    {
        _harness.Dispose();
        _server.Dispose();
    }

    private ExecutorHarness.Job Steps(string jobId, int attempt) => new()
    {
        JobId = jobId, Attempt = attempt, Args = ["20"], Input = _server.BaseUrl, TimeoutSeconds = 30,
        HttpAllowedHosts = [new Uri(_server.BaseUrl).Authority],
    };

    [Fact]
    public async Task EveryHostCallIsJournaledInOrder()
    {
        var job = Steps("steps-1", 1);

        var result = await _harness.RunBuiltAsync("durable-steps", job);

        Assert.Null(result.FailureReason);
        Assert.Equal("done 5", result.Output);
        Assert.Equal(string.Concat(Enumerable.Range(1, 5).Select(i => $"step {i}: 200\n")), result.Stdout);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"/step/{i}"), _server.Requests.Select(r => r.Path));
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"step {i}"), _server.Requests.Select(r => r.Body));
        var kinds = _harness.Journal.Entries(job.JobId).Select(e => JournalEntry.Parse(e).Kind).ToList();
        Assert.Equal(["http", "sleep", "http", "sleep", "http", "sleep", "http", "sleep", "http"], kinds);
        Assert.All(_harness.Journal.Entries(job.JobId).Where(e => JournalEntry.Parse(e).Kind == "http"),
            e => Assert.Equal(JournalEntry.Completed, JournalEntry.Parse(e).State));
    }

    [Fact]
    public async Task InterruptedRunResumesWithoutRepeatingItsCalls()
    {
        // The first attempt is stopped while it sleeps after its third call (the third reply and that sleep's
        // wake-up time are in the journal): the test cancels it, as a lost lease or a killed executor would end it.
        using var stop = new CancellationTokenSource();
        var running = _harness.RunBuiltAsync("durable-steps", Steps("steps-2", 1) with { Args = ["2000"] }, stop.Token);
        while (!SleepsAfterThirdReply(_harness.Journal.Entries("steps-2")))
        {
            Assert.False(running.IsCompleted, "the first attempt ended before its third sleep");
            await Task.Delay(10);
        }
        await stop.CancelAsync();
        var first = await running.ContinueWith(t => t.IsCanceled ? null : t.Result, TaskScheduler.Default);
        Assert.True(first is null || first.FailureReason == FailureReasons.Cancelled, first?.FailureReason);
        Assert.Equal(3, _server.Requests.Count);
        var recordedByFirst = _harness.Journal.Entries("steps-2");
        var replayed = recordedByFirst.Count;

        var second = await _harness.RunBuiltAsync("durable-steps", Steps("steps-2", 2) with { Args = ["2000"] });

        Assert.True(second.FailureReason is null, $"{second.FailureReason}: {second.Stderr} / {string.Join(" | ", recordedByFirst)}");
        Assert.Equal("done 5", second.Output);
        // The replayed steps print again (the guest ran from the start) but were not sent again.
        Assert.Equal(string.Concat(Enumerable.Range(1, 5).Select(i => $"step {i}: 200\n")), second.Stdout);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"/step/{i}"), _server.Requests.Select(r => r.Path));
        // What the first attempt recorded (three replies, three wake-up times) was replayed, not recorded again:
        // the second attempt only appended its own fourth sleep and the last two calls.
        var journal = _harness.Journal.Entries("steps-2");
        Assert.Equal(recordedByFirst, journal.Take(replayed));
        Assert.Equal(["http", "sleep", "http"], journal.Skip(replayed).Select(e => JournalEntry.Parse(e).Kind).Where(k => k is "http" or "sleep"));
    }

    /// <summary>The journal holds three completed replies and, after them, the next sleep's wake-up time.</summary>
    private static bool SleepsAfterThirdReply(IReadOnlyList<string> entries)
    {
        var parsed = entries.Select(JournalEntry.Parse).ToList();
        return parsed.Count(e => e is { Kind: JournalEntry.Http, State: JournalEntry.Completed }) == 3 && parsed[^1].Kind == JournalEntry.Sleep;
    }

    [Fact]
    public async Task CallInFlightWhenTheRunEndedIsNotSentAgain()
    {
        var jobId = "steps-3";
        _harness.Journal.Append(jobId, 1, 0,
        [
            new JournalEntry { Kind = "http", State = JournalEntry.Completed, Method = "POST", Url = $"{_server.BaseUrl}/step/1", Status = 200, Bytes = "ok"u8.ToArray() }.Serialize(),
            new JournalEntry { Kind = "sleep", Value = 0 }.Serialize(),
            new JournalEntry { Kind = "http", State = JournalEntry.Started, Method = "POST", Url = $"{_server.BaseUrl}/step/2", Idempotent = false }.Serialize(),
        ]);

        var result = await _harness.RunBuiltAsync("durable-steps", Steps(jobId, 2));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("step 1: 200\n", result.Stdout);
        Assert.Contains("step 2: interrupted", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
        Assert.Equal(JournalEntry.Interrupted, JournalEntry.Parse(_harness.Journal.Entries(jobId)[2]).State);
    }

    [Fact]
    public async Task IdempotentCallInFlightIsSentAgain()
    {
        var jobId = "crawl-1";
        var url = $"{_server.BaseUrl}/page/1";
        _harness.Journal.Append(jobId, 1, 0,
            [new JournalEntry { Kind = "http", State = JournalEntry.Started, Method = "GET", Url = url, Idempotent = true }.Serialize()]);

        var result = await _harness.RunBuiltAsync("crawler",
            new ExecutorHarness.Job { JobId = jobId, Attempt = 2, Input = url, HttpAllowedHosts = [new Uri(_server.BaseUrl).Authority] });

        Assert.Null(result.FailureReason);
        Assert.Equal(["/page/1"], _server.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task RunThatLostItsLeaseCannotWriteTheJournal()
    {
        _harness.Journal.CurrentAttempt["steps-4"] = 2;

        var result = await _harness.RunBuiltAsync("durable-steps", Steps("steps-4", 1));

        Assert.Equal(FailureReasons.LeaseLost, result.FailureReason);
        Assert.Empty(_server.Requests);
        Assert.Empty(_harness.Journal.Entries("steps-4"));
    }

    [Fact]
    public async Task ReplayThatDivergesFailsAsNondeterministic()
    {
        var jobId = "steps-5";
        _harness.Journal.Append(jobId, 1, 0,
            [new JournalEntry { Kind = "http", State = JournalEntry.Completed, Method = "POST", Url = "http://elsewhere.invalid/step/1", Status = 200, Bytes = [] }.Serialize()]);

        var result = await _harness.RunBuiltAsync("durable-steps", Steps(jobId, 2));

        Assert.Equal(FailureReasons.Nondeterministic, result.FailureReason);
        Assert.Contains("elsewhere.invalid", result.FailureMessage, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task DurableWasiClocksAndRandomReplayTheRecordedValues()
    {
        var job = new ExecutorHarness.Job { JobId = "clocks-1", Durable = true };

        var first = await _harness.RunBuiltAsync("rust-random", job);
        var recorded = _harness.Journal.Entries(job.JobId);
        var second = await _harness.RunBuiltAsync("rust-random", job with { Attempt = 2 });

        Assert.Equal("ok\n", first.Stdout);
        Assert.Equal("ok\n", second.Stdout);
        Assert.Contains(recorded, e => JournalEntry.Parse(e).Kind == JournalEntry.Random);
        Assert.Equal(recorded, _harness.Journal.Entries(job.JobId));
    }

    [Fact]
    public async Task OutboundHttpIsDeniedUnlessTheJobOrTheExecutorAllowsTheHost()
    {
        var input = $"{_server.BaseUrl}/a\n";

        var denied = await _harness.RunBuiltAsync("crawler", new ExecutorHarness.Job { Input = input });
        var otherHost = await _harness.RunBuiltAsync("crawler", new ExecutorHarness.Job { Input = input, HttpAllowedHosts = ["example.org"] });
        var otherPort = await _harness.RunBuiltAsync("crawler", new ExecutorHarness.Job { Input = input, HttpAllowedHosts = ["127.0.0.1:1"] });
        Assert.Empty(_server.Requests);
        var byHost = await _harness.RunBuiltAsync("crawler", new ExecutorHarness.Job { Input = input, HttpAllowedHosts = ["127.0.0.1"] });

        foreach (var refused in new[] { denied, otherHost, otherPort })
        {
            Assert.StartsWith("{\"fetched\":0,\"failed\":1,", refused.Output, StringComparison.Ordinal);
        }
        Assert.StartsWith("{\"fetched\":1,\"failed\":0,", byHost.Output, StringComparison.Ordinal);
        Assert.Equal(["/a"], _server.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task CrawlerReportsProgressLogsAndOutput()
    {
        var input = $"{_server.BaseUrl}/a\n{_server.BaseUrl}/b\n{_server.BaseUrl}/missing/c\n";

        var result = await _harness.RunBuiltAsync("crawler", new ExecutorHarness.Job { Input = input, HttpAllowedHosts = [new Uri(_server.BaseUrl).Authority] });

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["/a", "/b", "/missing/c"], _server.Requests.Select(r => r.Path));
        Assert.Equal([33, 66, 100], _harness.Progress.Select(p => p.Percent));
        Assert.Contains(_harness.Output, o => o.Stream == "log" && o.Text.Contains("404", StringComparison.Ordinal));
        Assert.StartsWith("{\"fetched\":2,\"failed\":1,", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CGuestUsesTheHostApiThroughTheHeader()
    {
        var result = await _harness.RunBuiltAsync("hello-c", new ExecutorHarness.Job { Input = "durable world" });

        Assert.Null(result.FailureReason);
        Assert.Equal("hello, durable world", result.Output);
        Assert.Equal([50, 100], _harness.Progress.Select(p => p.Percent));
        Assert.Contains(_harness.Output, o => o.Stream == "log" && o.Text.Contains("hello-c starting", StringComparison.Ordinal));
    }
}
