using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.State;
using StackExchange.Redis;

namespace MvmCi.Jobs.Tests;

/// <summary>Retention in Redis: finished jobs removed with everything they own, queue streams trimmed of what is done.</summary>
public sealed class RetentionStoreTests(RedisFixture redis) : RedisStoreTests(redis, Digest)
{
    private const string Digest = "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    private static readonly DateTimeOffset Later = DateTimeOffset.UtcNow.AddHours(1);

    private static JobSubmission Submission(string? idempotencyKey = null) => new()
    {
        Module = "tool@1",
        ModuleDigest = Digest,
        ModuleName = "tool",
        Queue = Queues.Default,
        Args = [],
        Env = new Dictionary<string, string>(),
        TimeoutSeconds = 5,
        QueueTimeoutSeconds = 600,
        Idempotency = idempotencyKey is null ? null : (idempotencyKey, "body"),
    };

    /// <summary>Submits, claims and ends one job; the outcome acknowledges its entry.</summary>
    private async Task<string> RunAsync(ExecutionResult result, string? idempotencyKey = null)
    {
        await Queue.EnsureGroupAsync(Queues.Default, CancellationToken.None);
        var id = (await Store.SubmitAsync(Submission(idempotencyKey), CancellationToken.None)).Job.Id;
        var entry = Assert.Single(await Queue.ReadAsync(Queues.Default, "w1", 1, ownPending: false, CancellationToken.None));
        var claim = await Store.ClaimAsync(entry, "w1", null, CancellationToken.None);
        await Store.MarkRunningAsync(id, claim.Claim.Attempt, "ex1", DateTimeOffset.UtcNow, CancellationToken.None);
        await Store.AppendLogAsync(id, claim.Claim.Attempt, OutputStreams.Stdout, "a line", CancellationToken.None);
        await Store.FinishAsync(id, claim.Claim.Attempt, result, entry.Ack, CancellationToken.None);
        return id;
    }

    [Fact]
    public async Task AFinishedJobPastItsRetentionGoesWithEverythingItOwns()
    {
        var id = await RunAsync(new ExecutionResult { ExitCode = 0 }, idempotencyKey: "once");
        await Db.ListRightPushAsync(Keys.JobJournal(id), "entry");
        var pending = (await Store.SubmitAsync(Submission(), CancellationToken.None)).Job.Id;

        Assert.Equal(0, await Store.PruneFinishedAsync(DateTimeOffset.UtcNow.AddHours(-1), null, 100, CancellationToken.None));
        Assert.NotNull(await Store.GetAsync(id, CancellationToken.None));

        Assert.Equal(1, await Store.PruneFinishedAsync(Later, null, 100, CancellationToken.None));

        Assert.Null(await Store.GetAsync(id, CancellationToken.None));
        foreach (var key in new[] { Keys.Job(id), Keys.JobEvents(id), Keys.JobLogs(id), Keys.JobJournal(id), Keys.Idempotency("once") })
        {
            Assert.False(await Db.KeyExistsAsync(key), key.ToString());
        }
        foreach (var set in new[] { Keys.AllJobs, Keys.JobsInStatus(JobStatus.Completed), Keys.ModuleJobs(Digest), Keys.Finished, Keys.Deadlines })
        {
            Assert.Null(await Db.SortedSetScoreAsync(set, id));
        }
        Assert.Equal(JobStatus.Pending, (await Store.GetAsync(pending, CancellationToken.None))!.Status);
        Assert.Equal(0, await Store.FinishedCountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task BeyondTheMostToKeepTheOldestFinishedJobsGoFirst()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await RunAsync(new ExecutionResult { FailureReason = FailureReasons.Trap }));
            await Task.Delay(5);
        }

        Assert.Equal(3, await Store.PruneFinishedAsync(DateTimeOffset.UtcNow.AddHours(-1), keepAtMost: 2, 100, CancellationToken.None));

        Assert.All(await Task.WhenAll(ids.Take(3).Select(id => Store.GetAsync(id, CancellationToken.None))), Assert.Null);
        Assert.All(await Task.WhenAll(ids.Skip(3).Select(id => Store.GetAsync(id, CancellationToken.None))), job => Assert.Equal(JobStatus.Failed, job!.Status));
        Assert.Equal(2, await Store.FinishedCountAsync(CancellationToken.None));
        Assert.Equal(0, await Store.PruneFinishedAsync(DateTimeOffset.UtcNow.AddHours(-1), keepAtMost: 2, 100, CancellationToken.None));
    }

    [Fact]
    public async Task AJobReopenedByARetryIsNotRemoved()
    {
        var id = await RunAsync(new ExecutionResult { FailureReason = FailureReasons.Trap });

        Assert.True((await Store.RetryAsync(id, null, CancellationToken.None)).Applied);

        Assert.Equal(0, await Store.PruneFinishedAsync(Later, null, 100, CancellationToken.None));
        Assert.Equal(JobStatus.Pending, (await Store.GetAsync(id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task TrimmingAQueueKeepsWhatIsInFlightAndWhatWaits()
    {
        var done = await RunAsync(new ExecutionResult { ExitCode = 0 });
        var inFlight = (await Store.SubmitAsync(Submission(), CancellationToken.None)).Job.Id;
        Assert.Single(await Queue.ReadAsync(Queues.Default, "w1", 1, ownPending: false, CancellationToken.None));
        var doneLater = await RunAsync(new ExecutionResult { ExitCode = 0 });
        var waiting = (await Store.SubmitAsync(Submission(), CancellationToken.None)).Job.Id;
        var stream = Keys.Queue(Queues.Default);
        Assert.Equal(4, await Db.StreamLengthAsync(stream));

        var trimmed = await Store.TrimQueuesAsync(CancellationToken.None);

        // Only the entry before the oldest one in flight is gone; the acknowledged one after it stays until that ends.
        Assert.Equal(1, trimmed);
        var left = (await Db.StreamRangeAsync(stream)).Select(e => e["job"].ToString()).ToArray();
        Assert.Equal([inFlight, doneLater, waiting], left);
        Assert.DoesNotContain(done, left);
        Assert.Single(await Queue.ReadAsync(Queues.Default, "w2", 10, ownPending: false, CancellationToken.None), e => e.JobId == waiting);
    }
}
