using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.Redis;
using MvmCi.Jobs.State;
using StackExchange.Redis;

namespace MvmCi.Jobs.Tests;

/// <summary>What the dashboard and the metrics read: per-minute counts, filtered lists, queue depth and lag, executors, attempt links.</summary>
public sealed class MonitoringStoreTests(RedisFixture redis) : RedisStoreTests(redis, Digest)
{
    private const string Digest = "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private const string FirstRun = "00-11111111111111111111111111111111-2222222222222222-01";
    private const string SecondRun = "00-11111111111111111111111111111111-3333333333333333-01";
    private const string RetryRequest = "00-44444444444444444444444444444444-5555555555555555-01";

    private static JobSubmission Submission(string queue = Queues.Default) => new()
    {
        Module = "echo@1",
        ModuleDigest = Digest,
        ModuleName = "echo",
        Queue = queue,
        Args = [],
        Env = new Dictionary<string, string>(),
        TimeoutSeconds = 5,
        TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
    };

    private async Task<(QueueEntry Entry, int Attempt)> SubmitAndClaimAsync(string? runSpan = null)
    {
        await Queue.EnsureGroupAsync(Queues.Default, CancellationToken.None);
        await Store.SubmitAsync(Submission(), CancellationToken.None);
        var entry = Assert.Single(await Queue.ReadAsync(Queues.Default, "w1", 1, ownPending: false, CancellationToken.None));
        var claim = await Store.ClaimAsync(entry, "w1", runSpan, CancellationToken.None);
        await Store.MarkRunningAsync(entry.JobId, claim.Claim.Attempt, "ex1", DateTimeOffset.UtcNow, CancellationToken.None);
        return (entry, claim.Claim.Attempt);
    }

    [Fact]
    public async Task EveryMinuteCountsItsSubmitsAndEachFinalStatus()
    {
        var (completed, a1) = await SubmitAndClaimAsync();
        await Store.FinishAsync(completed.JobId, a1, new ExecutionResult { ExitCode = 0 }, completed.Ack, CancellationToken.None);
        var (failed, a2) = await SubmitAndClaimAsync();
        await Store.FinishAsync(failed.JobId, a2, new ExecutionResult { FailureReason = FailureReasons.Trap }, failed.Ack, CancellationToken.None);
        var pending = (await Store.SubmitAsync(Submission(), CancellationToken.None)).Job;
        await Store.CancelAsync(pending.Id, CancellationToken.None);
        // A second outcome for the same attempt is refused, and not counted twice.
        await Store.FinishAsync(completed.JobId, a1, new ExecutionResult { ExitCode = 0 }, completed.Ack, CancellationToken.None);

        var minutes = await Store.GetMinutesAsync(3, CancellationToken.None);

        Assert.Equal(3, minutes.Count);
        Assert.True(minutes[0].Minute < minutes[1].Minute && minutes[1].Minute < minutes[2].Minute);
        // The jobs may straddle a minute boundary: count over the window.
        Assert.Equal((3L, 1L, 1L, 1L), (minutes.Sum(m => m.Submitted), minutes.Sum(m => m.Completed), minutes.Sum(m => m.Failed), minutes.Sum(m => m.Cancelled)));
        Assert.Equal(0, minutes[2].Minute.Second);
    }

    [Fact]
    public async Task ListFiltersByQueueAndPagesOldestFirst()
    {
        var other = new List<string>();
        var mine = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            mine.Add((await Store.SubmitAsync(Submission("builds"), CancellationToken.None)).Job.Id);
            other.Add((await Store.SubmitAsync(Submission(), CancellationToken.None)).Job.Id);
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await Store.ListAsync(new JobQuery(Queue: "builds", OldestFirst: true, Limit: 3, Cursor: cursor), CancellationToken.None);
            Assert.True(page.Items.Count <= 3);
            Assert.All(page.Items, j => Assert.Equal("builds", j.Queue));
            seen.AddRange(page.Items.Select(j => j.Id));
            cursor = page.Next;
        }
        while (cursor is not null);
        var newest = await Store.ListAsync(new JobQuery(JobStatus.Pending, "builds", Limit: 2), CancellationToken.None);

        // Ids are time-ordered to the millisecond: two submitted within one millisecond may list either way round.
        Assert.Equal(mine.Order(StringComparer.Ordinal), seen);
        Assert.Equal(mine.Order(StringComparer.Ordinal).Reverse().Take(2), newest.Items.Select(j => j.Id));
    }

    [Fact]
    public async Task AClaimLinksToThePreviousAttemptsRunAndToTheRetryRequest()
    {
        var (entry, attempt) = await SubmitAndClaimAsync(FirstRun);
        await Store.RequeueAsync(entry.JobId, attempt, entry.Ack, null, new JobDeadlines(null, null, null), "retry",
            FailureReasons.ExecutorError, null, CancellationToken.None);
        var second = Assert.Single(await Queue.ReadAsync(Queues.Default, "w2", 1, ownPending: false, CancellationToken.None));
        var secondClaim = await Store.ClaimAsync(second, "w2", SecondRun, CancellationToken.None);
        await Store.FinishAsync(entry.JobId, secondClaim.Claim.Attempt, new ExecutionResult { FailureReason = FailureReasons.Trap }, second.Ack, CancellationToken.None);
        await Store.RetryAsync(entry.JobId, RetryRequest, CancellationToken.None);
        var third = Assert.Single(await Queue.ReadAsync(Queues.Default, "w3", 1, ownPending: false, CancellationToken.None));
        var thirdClaim = await Store.ClaimAsync(third, "w3", null, CancellationToken.None);

        Assert.Equal([FirstRun], secondClaim.Links);
        Assert.Equal([SecondRun, RetryRequest], thirdClaim.Links);
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", (await Store.GetAsync(entry.JobId, CancellationToken.None))!.TraceId);
    }

    [Fact]
    public async Task TheInspectorReportsWaitingInFlightAndTheAgeOfTheOldestWaitingEntry()
    {
        await Queue.EnsureGroupAsync("builds", CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            await Store.SubmitAsync(Submission("builds"), CancellationToken.None);
        }
        await Store.SubmitAsync(Submission("builds") with { Priority = 5 }, CancellationToken.None);
        await Queue.ReadAsync("builds", "w1", 1, ownPending: false, CancellationToken.None);
        var later = new QueueInspector(Connection, Keys, new ShiftedTime(TimeSpan.FromSeconds(30)));

        var queues = await later.InspectAsync(CancellationToken.None);

        var builds = Assert.Single(queues, q => q.Queue == "builds" && q.Priority == 0);
        Assert.Equal(("builds", 3L, 2L, 1L, 1), (builds.Stream, builds.Length, builds.Waiting, builds.InFlight, builds.Consumers));
        Assert.InRange(builds.OldestWaitingSeconds, 29, 60);
        var urgent = Assert.Single(queues, q => q.Queue == "builds" && q.Priority == 5);
        Assert.Equal(("builds:5", 1L, 1L, 0L), (urgent.Stream, urgent.Length, urgent.Waiting, urgent.InFlight));
        // The default queue is always listed, even before any job reached it.
        var idle = Assert.Single(queues, q => q.Queue == Queues.Default);
        Assert.Equal((0L, 0.0), (idle.Waiting, idle.OldestWaitingSeconds));
    }

    [Fact]
    public async Task ExecutorsHeartbeatAndShowOfflineWhenTheyStopReporting()
    {
        var registry = new ExecutorRegistry(Connection, Keys, TimeProvider.System);
        await registry.HeartbeatAsync(new ExecutorRecord
        {
            Id = "flawless-1", Kind = ExecutorRecord.ServiceKind, Slots = 8, Running = 2, Completed = 5, Failed = 1,
            ModulesCached = 3, State = WorkerRegistry.Online, StartedAt = DateTimeOffset.UtcNow, Host = "h", ProcessId = 42,
        }, CancellationToken.None);
        await registry.HeartbeatAsync(new ExecutorRecord
        {
            Id = "w1/embedded", Kind = ExecutorRecord.EmbeddedKind, WorkerId = "w1", State = WorkerRegistry.Online,
        }, CancellationToken.None);

        var now = await registry.ListAsync(CancellationToken.None);
        var later = await new ExecutorRegistry(Connection, Keys, new ShiftedTime(WorkerRegistry.OfflineAfter * 2)).ListAsync(CancellationToken.None);

        Assert.Equal(["flawless-1", "w1/embedded"], now.Select(e => e.Id));
        var service = now[0];
        Assert.Equal((ExecutorRecord.ServiceKind, 8, 2, 5L, 1L, 3, WorkerRegistry.Online, 42), (service.Kind, service.Slots, service.Running, service.Completed, service.Failed, service.ModulesCached, service.State, service.ProcessId));
        Assert.Equal("w1", now[1].WorkerId);
        Assert.All(later, e => Assert.Equal(WorkerRegistry.Offline, e.State));
    }

    [Fact]
    public async Task WatchersLearnTheMomentAJobReachesAFinalStatusAndOnlyThen()
    {
        var signal = new JobFinishSignal(Connection, Keys);
        var (entry, attempt) = await SubmitAndClaimAsync();
        var pending = (await Store.SubmitAsync(Submission(), CancellationToken.None)).Job;
        using var first = await signal.WatchAsync(entry.JobId, CancellationToken.None);
        using var second = await signal.WatchAsync(entry.JobId, CancellationToken.None);
        using var cancelled = await signal.WatchAsync(pending.Id, CancellationToken.None);
        using var never = await signal.WatchAsync(Guid.NewGuid().ToString(), CancellationToken.None);

        await Store.SetProgressAsync(entry.JobId, attempt, new JobProgress(50, "half", DateTimeOffset.UtcNow), CancellationToken.None);
        Assert.False(first.Finished.IsCompleted);
        await Store.FinishAsync(entry.JobId, attempt, new ExecutionResult { ExitCode = 0 }, entry.Ack, CancellationToken.None);
        await Store.CancelAsync(pending.Id, CancellationToken.None);

        var all = Task.WhenAll(first.Finished, second.Finished, cancelled.Finished);
        Assert.Same(all, await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.False(never.Finished.IsCompleted);
    }
}
