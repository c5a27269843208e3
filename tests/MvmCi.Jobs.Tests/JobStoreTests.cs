using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.Redis;
using MvmCi.Jobs.State;
using StackExchange.Redis;

namespace MvmCi.Jobs.Tests;

public sealed class JobStoreTests(RedisFixture redis) : RedisStoreTests(redis, Digest)
{
    private const string Digest = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    private static JobSubmission Submission(string name = "echo") => new()
    {
        Module = $"{name}@1",
        ModuleDigest = Digest,
        ModuleName = name,
        Queue = Queues.Default,
        Args = ["one", "two"],
        Env = new Dictionary<string, string> { ["K"] = "v" },
        Stdin = "input",
        TimeoutSeconds = 5,
        TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
    };

    private static ExecutionResult Success => new() { ExitCode = 0, Stdout = "out", DurationMs = 3 };

    private async Task<QueueEntry> SubmitAndReadAsync()
    {
        await Queue.EnsureGroupAsync(Queues.Default, CancellationToken.None);
        await Store.SubmitAsync(Submission(), CancellationToken.None);
        var entries = await Queue.ReadAsync(Queues.Default, "w1", 1, ownPending: false, CancellationToken.None);
        return Assert.Single(entries);
    }

    [Fact]
    public async Task SubmitStoresTheJobIndexesItAndQueuesItWithItsTraceContext()
    {
        await Queue.EnsureGroupAsync(Queues.Default, CancellationToken.None);
        var job = (await Store.SubmitAsync(Submission(), CancellationToken.None)).Job;

        var stored = await Store.GetAsync(job.Id, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(JobStatus.Pending, stored.Status);
        Assert.Equal(["one", "two"], stored.Args);
        Assert.Equal("v", stored.Env["K"]);
        Assert.Equal(0, stored.Attempt);
        Assert.Equal(1, (await Store.StatsAsync(CancellationToken.None)).Pending);

        var entry = Assert.Single(await Queue.ReadAsync(Queues.Default, "w1", 10, ownPending: false, CancellationToken.None));
        Assert.Equal(job.Id, entry.JobId);
        Assert.Equal(Submission().TraceParent, entry.TraceParent);
    }

    [Fact]
    public async Task JobIdsAreUniqueAcrossManySubmits()
    {
        var jobs = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Store.SubmitAsync(Submission(), CancellationToken.None)));

        Assert.Equal(200, jobs.Select(j => j.Job.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(200, (await Store.StatsAsync(CancellationToken.None)).Total);
    }

    [Fact]
    public async Task FullLifecycleRecordsTheOutcomeAndAcknowledgesTheEntryTogether()
    {
        var entry = await SubmitAndReadAsync();

        var (claim, request, _, _, _, _) = await Store.ClaimAsync(entry, "w1", null, CancellationToken.None);
        Assert.True(claim.Applied);
        Assert.Equal(1, claim.Attempt);
        Assert.NotNull(request);
        Assert.Equal((1, "echo", "input", 5), (request.Attempt, request.ModuleName, request.Stdin, request.TimeoutSeconds));
        Assert.Equal(["one", "two"], request.Args);
        Assert.Equal(1, (await Db.StreamPendingAsync(Keys.Queue(Queues.Default), Keys.ConsumerGroup)).PendingMessageCount);

        Assert.True((await Store.MarkRunningAsync(entry.JobId, 1, "ex1", DateTimeOffset.UtcNow, CancellationToken.None)).Applied);
        var finish = await Store.FinishAsync(entry.JobId, 1, Success, entry.Ack, CancellationToken.None);

        Assert.True(finish.Applied);
        var job = await Store.GetAsync(entry.JobId, CancellationToken.None);
        Assert.Equal(JobStatus.Completed, job!.Status);
        Assert.Equal("out", job.Stdout);
        Assert.Equal("w1", job.WorkerId);
        Assert.Equal("ex1", job.ExecutorId);
        Assert.Equal(0, (await Db.StreamPendingAsync(Keys.Queue(Queues.Default), Keys.ConsumerGroup)).PendingMessageCount);
        var stats = await Store.StatsAsync(CancellationToken.None);
        Assert.Equal((0L, 0L, 0L, 1L, 1L), (stats.Pending, stats.Claimed, stats.Running, stats.Completed, stats.Total));
    }

    [Fact]
    public async Task TheJobsAllowedHostsReachTheExecutorAndTheRecord()
    {
        await Queue.EnsureGroupAsync(Queues.Default, CancellationToken.None);
        var id = (await Store.SubmitAsync(Submission() with { HttpAllowedHosts = ["api.example.org", "10.0.0.5:8080"] }, CancellationToken.None)).Job.Id;
        var entry = Assert.Single(await Queue.ReadAsync(Queues.Default, "w1", 1, ownPending: false, CancellationToken.None));

        var claim = await Store.ClaimAsync(entry, "w1", null, CancellationToken.None);

        Assert.Equal(["api.example.org", "10.0.0.5:8080"], claim.Request!.HttpAllowedHosts);
        Assert.Equal(["api.example.org", "10.0.0.5:8080"], (await Store.GetAsync(id, CancellationToken.None))!.HttpAllowedHosts);
    }

    [Fact]
    public async Task TheJobsSecretNamesReachTheWorkerAndTheRecordButNoValue()
    {
        await Queue.EnsureGroupAsync(Queues.Default, CancellationToken.None);
        var secrets = new Dictionary<string, string> { ["NPM_TOKEN"] = "npm-token" };
        var id = (await Store.SubmitAsync(Submission() with { Secrets = secrets }, CancellationToken.None)).Job.Id;
        var entry = Assert.Single(await Queue.ReadAsync(Queues.Default, "w1", 1, ownPending: false, CancellationToken.None));

        var claim = await Store.ClaimAsync(entry, "w1", null, CancellationToken.None);

        Assert.Equal(secrets, claim.Request!.Secrets);
        Assert.False(claim.Request.Env.ContainsKey("NPM_TOKEN"));
        Assert.Equal(secrets, (await Store.GetAsync(id, CancellationToken.None))!.Secrets);
        Assert.Equal(secrets, await Store.GetSecretNamesAsync(id, CancellationToken.None));
        Assert.Empty((await Store.GetSecretNamesAsync((await Store.SubmitAsync(Submission(), CancellationToken.None)).Job.Id, CancellationToken.None))!);
        Assert.Null(await Store.GetSecretNamesAsync(Guid.NewGuid().ToString(), CancellationToken.None));
    }

    [Fact]
    public async Task AnOutcomeWithTheStartRecordsBothMovesOfAJobStillClaimed()
    {
        var entry = await SubmitAndReadAsync();
        await Store.ClaimAsync(entry, "w1", null, CancellationToken.None);
        var startedAt = DateTimeOffset.UtcNow.AddMilliseconds(-3);

        var finish = await Store.FinishAsync(entry.JobId, 1, Success, entry.Ack, CancellationToken.None, new JobStart("ex1", startedAt));

        Assert.True(finish.Applied);
        var job = await Store.GetAsync(entry.JobId, CancellationToken.None);
        Assert.Equal((JobStatus.Completed, "ex1"), (job!.Status, job.ExecutorId));
        Assert.Equal(startedAt.ToUnixTimeMilliseconds(), job.StartedAt?.ToUnixTimeMilliseconds());
        var events = await Store.GetEventsAsync(entry.JobId, null, CancellationToken.None);
        Assert.Equal(
            [(JobStatus.Pending, null), (JobStatus.Claimed, JobStatus.Pending), (JobStatus.Running, JobStatus.Claimed), (JobStatus.Completed, JobStatus.Running)],
            events.Select(e => (e.Status, e.From)));
        Assert.Equal("started on ex1", events[2].Detail);
        Assert.Equal(startedAt.ToUnixTimeMilliseconds(), events[2].At.ToUnixTimeMilliseconds());
        var stats = await Store.StatsAsync(CancellationToken.None);
        Assert.Equal((0L, 0L, 1L), (stats.Claimed, stats.Running, stats.Completed));
        Assert.Equal(0, (await Db.StreamPendingAsync(Keys.Queue(Queues.Default), Keys.ConsumerGroup)).PendingMessageCount);
    }

    [Fact]
    public async Task AnOutcomeWithTheStartOfAJobAlreadyRunningAddsNoSecondStart()
    {
        var entry = await SubmitAndReadAsync();
        await Store.ClaimAsync(entry, "w1", null, CancellationToken.None);
        await Store.MarkRunningAsync(entry.JobId, 1, "ex1", DateTimeOffset.UtcNow, CancellationToken.None);

        await Store.FinishAsync(entry.JobId, 1, Success, entry.Ack, CancellationToken.None, new JobStart("ex1", DateTimeOffset.UtcNow));

        var events = await Store.GetEventsAsync(entry.JobId, null, CancellationToken.None);
        Assert.Equal([JobStatus.Pending, JobStatus.Claimed, JobStatus.Running, JobStatus.Completed], events.Select(e => e.Status));
    }

    [Fact]
    public async Task FailedExecutionEndsFailedWithItsReason()
    {
        var entry = await SubmitAndReadAsync();
        await Store.ClaimAsync(entry, "w1", null, CancellationToken.None);
        await Store.MarkRunningAsync(entry.JobId, 1, "ex1", DateTimeOffset.UtcNow, CancellationToken.None);

        await Store.FinishAsync(entry.JobId, 1, new ExecutionResult { ExitCode = 3, FailureReason = FailureReasons.ExitCode }, entry.Ack, CancellationToken.None);

        var job = await Store.GetAsync(entry.JobId, CancellationToken.None);
        Assert.Equal((JobStatus.Failed, 3, FailureReasons.ExitCode), (job!.Status, job.ExitCode, job.FailureReason));
    }

    [Fact]
    public async Task ReclaimStartsTheNextAttemptAndFencesTheStaleWorker()
    {
        var entry = await SubmitAndReadAsync();
        await Store.ClaimAsync(entry, "w1", null, CancellationToken.None);
        await Store.MarkRunningAsync(entry.JobId, 1, "ex1", DateTimeOffset.UtcNow, CancellationToken.None);

        // w1's lease lapsed: the entry reached w2, which claims the job again.
        var reclaim = await Store.ClaimAsync(entry, "w2", null, CancellationToken.None);
        var staleRunning = await Store.MarkRunningAsync(entry.JobId, 1, "ex1", DateTimeOffset.UtcNow, CancellationToken.None);
        var staleFinish = await Store.FinishAsync(entry.JobId, 1, new ExecutionResult { ExitCode = 9, FailureReason = FailureReasons.ExitCode }, entry.Ack, CancellationToken.None);

        Assert.True(reclaim.Claim.Applied);
        Assert.Equal(2, reclaim.Claim.Attempt);
        Assert.Equal(TransitionOutcome.Fenced, staleRunning.Outcome);
        Assert.Equal(TransitionOutcome.Fenced, staleFinish.Outcome);
        var job = await Store.GetAsync(entry.JobId, CancellationToken.None);
        Assert.Equal((JobStatus.Claimed, 2, "w2", (int?)null), (job!.Status, job.Attempt, job.WorkerId, job.ExitCode));
        Assert.Equal(1, (await Db.StreamPendingAsync(Keys.Queue(Queues.Default), Keys.ConsumerGroup)).PendingMessageCount);

        await Store.MarkRunningAsync(entry.JobId, 2, "ex1", DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.True((await Store.FinishAsync(entry.JobId, 2, Success, entry.Ack, CancellationToken.None)).Applied);
    }

    [Fact]
    public async Task ClaimThroughAnEntryTheJobIsNoLongerQueuedByIsStale()
    {
        var entry = await SubmitAndReadAsync();

        var claim = await Store.ClaimAsync(entry with { EntryId = "1-1" }, "w1", null, CancellationToken.None);

        Assert.Equal(TransitionOutcome.StaleEntry, claim.Claim.Outcome);
        Assert.Null(claim.Request);
    }

    [Fact]
    public async Task ReclaimBeyondMaxAttemptsIsReportedExhausted()
    {
        var entry = await SubmitAndReadAsync();
        for (var i = 1; i <= 3; i++)
        {
            Assert.False((await Store.ClaimAsync(entry, $"w{i}", null, CancellationToken.None)).AttemptsExhausted);
        }

        var fourth = await Store.ClaimAsync(entry, "w4", null, CancellationToken.None);

        Assert.True(fourth.AttemptsExhausted);
    }

    [Fact]
    public async Task CancellingAPendingJobEndsItAndAClaimedOneAsksItsWorker()
    {
        var first = await SubmitAndReadAsync();
        var second = (await Store.SubmitAsync(Submission(), CancellationToken.None)).Job;
        await Store.ClaimAsync(first, "w1", null, CancellationToken.None);

        var running = await Store.CancelAsync(first.JobId, CancellationToken.None);
        var queued = await Store.CancelAsync(second.Id, CancellationToken.None);
        var again = await Store.CancelAsync(second.Id, CancellationToken.None);

        Assert.Equal((CancelOutcome.Requested, CancelOutcome.Cancelled, CancelOutcome.AlreadyFinished), (running, queued, again));
        Assert.Equal(JobStatus.Cancelled, (await Store.GetAsync(second.Id, CancellationToken.None))!.Status);
        Assert.True((await Store.RenewLeaseAsync(first, "w1", 1, CancellationToken.None)) == LeaseRenewal.CancelRequested);
        Assert.Equal(CancelOutcome.NotFound, await Store.CancelAsync(Guid.NewGuid().ToString(), CancellationToken.None));
    }

    [Fact]
    public async Task LeaseRenewalIsRefusedToAWorkerThatNoLongerOwnsTheEntry()
    {
        var entry = await SubmitAndReadAsync();
        await Store.ClaimAsync(entry, "w1", null, CancellationToken.None);

        Assert.Equal(LeaseRenewal.Renewed, await Store.RenewLeaseAsync(entry, "w1", 1, CancellationToken.None));
        Assert.Equal(LeaseRenewal.Lost, await Store.RenewLeaseAsync(entry, "someone-else", 1, CancellationToken.None));
        Assert.Equal(LeaseRenewal.Lost, await Store.RenewLeaseAsync(entry, "w1", 2, CancellationToken.None));
    }

    [Fact]
    public async Task EveryTransitionIsInTheJobsHistory()
    {
        var entry = await SubmitAndReadAsync();
        await Store.ClaimAsync(entry, "w1", null, CancellationToken.None);
        await Store.MarkRunningAsync(entry.JobId, 1, "ex1", DateTimeOffset.UtcNow, CancellationToken.None);
        await Store.FinishAsync(entry.JobId, 1, Success, entry.Ack, CancellationToken.None);

        var events = await Store.GetEventsAsync(entry.JobId, null, CancellationToken.None);

        Assert.Equal([JobStatus.Pending, JobStatus.Claimed, JobStatus.Running, JobStatus.Completed], events.Select(e => e.Status));
        Assert.Equal([0, 1, 1, 1], events.Select(e => e.Attempt));
        Assert.Single(await Store.GetEventsAsync(entry.JobId, events[2].Id, CancellationToken.None));
    }

    [Fact]
    public async Task CompletedIsNotReachedWithoutRunning()
    {
        var entry = await SubmitAndReadAsync();
        await Store.ClaimAsync(entry, "w1", null, CancellationToken.None);

        var finish = await Store.FinishAsync(entry.JobId, 1, Success, entry.Ack, CancellationToken.None);

        Assert.Equal(TransitionOutcome.WrongState, finish.Outcome);
        Assert.Equal(JobStatus.Claimed, (await Store.GetAsync(entry.JobId, CancellationToken.None))!.Status);
        Assert.Equal(1, (await Db.StreamPendingAsync(Keys.Queue(Queues.Default), Keys.ConsumerGroup)).PendingMessageCount);
    }

    [Fact]
    public async Task TerminalOutcomeIsNeverOverwritten()
    {
        var entry = await SubmitAndReadAsync();
        await Store.ClaimAsync(entry, "w1", null, CancellationToken.None);
        await Store.MarkRunningAsync(entry.JobId, 1, "ex1", DateTimeOffset.UtcNow, CancellationToken.None);
        await Store.FinishAsync(entry.JobId, 1, Success, entry.Ack, CancellationToken.None);

        var again = await Store.FinishAsync(entry.JobId, 1,
            new ExecutionResult { FailureReason = FailureReasons.Trap, Stdout = "late" }, entry.Ack, CancellationToken.None);

        Assert.Equal(TransitionOutcome.WrongState, again.Outcome);
        var job = await Store.GetAsync(entry.JobId, CancellationToken.None);
        Assert.Equal((JobStatus.Completed, "out"), (job!.Status, job.Stdout));
    }

    [Fact]
    public async Task WritesOfAStaleAttemptAreFenced()
    {
        var entry = await SubmitAndReadAsync();
        await Store.ClaimAsync(entry, "w1", null, CancellationToken.None);

        var stale = await Store.MarkRunningAsync(entry.JobId, attempt: 7, "ex1", DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Equal(TransitionOutcome.Fenced, stale.Outcome);
        Assert.Equal(JobStatus.Claimed, (await Store.GetAsync(entry.JobId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task TransitionsOfAnUnknownJobReportMissing()
    {
        var (claim, request, _, _, _, _) = await Store.ClaimAsync(new QueueEntry(Queues.Default, "0-1", Guid.NewGuid().ToString(), null), "w1", null, CancellationToken.None);

        Assert.Equal(TransitionOutcome.Missing, claim.Outcome);
        Assert.Null(request);
    }

    [Fact]
    public async Task ListingIsNewestFirstAndPagesWithACursor()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await Store.SubmitAsync(Submission(), CancellationToken.None)).Job.Id);
            await Task.Delay(2);
        }
        ids.Reverse();

        var first = await Store.ListAsync(new JobQuery(Limit: 2), CancellationToken.None);
        var second = await Store.ListAsync(new JobQuery(Limit: 2, Cursor: first.Next), CancellationToken.None);
        var third = await Store.ListAsync(new JobQuery(Limit: 2, Cursor: second.Next), CancellationToken.None);

        Assert.Equal(ids[..2], first.Items.Select(j => j.Id));
        Assert.Equal(ids[2..4], second.Items.Select(j => j.Id));
        Assert.Equal(ids[4..], third.Items.Select(j => j.Id));
        Assert.Null(third.Next);
    }

    [Fact]
    public async Task ListingFiltersByStatus()
    {
        var entry = await SubmitAndReadAsync();
        await Store.SubmitAsync(Submission(), CancellationToken.None);
        await Store.ClaimAsync(entry, "w1", null, CancellationToken.None);

        var claimed = await Store.ListAsync(new JobQuery(JobStatus.Claimed, Limit: 10), CancellationToken.None);
        var pending = await Store.ListAsync(new JobQuery(JobStatus.Pending, Limit: 10), CancellationToken.None);

        Assert.Equal(entry.JobId, Assert.Single(claimed.Items).Id);
        Assert.Single(pending.Items);
    }

    private static readonly JobDeadlines NoDeadlines = new(null, null, null);

    private async Task<(QueueEntry Entry, int Attempt)> ClaimRunningAsync()
    {
        var entry = await SubmitAndReadAsync();
        var claim = await Store.ClaimAsync(entry, "w1", null, CancellationToken.None);
        await Store.MarkRunningAsync(entry.JobId, claim.Claim.Attempt, "ex1", DateTimeOffset.UtcNow, CancellationToken.None);
        return (entry, claim.Claim.Attempt);
    }

    [Fact]
    public async Task RetryIsQueuedAfterItsBackoffAndClaimedAsTheNextAttempt()
    {
        var (entry, attempt) = await ClaimRunningAsync();

        var requeued = await Store.RequeueAsync(entry.JobId, attempt, entry.Ack, TimeSpan.FromMilliseconds(300), NoDeadlines, "retry", FailureReasons.ExecutorError, "boom", CancellationToken.None);

        Assert.True(requeued.Applied);
        Assert.Equal(0, (await Db.StreamPendingAsync(Keys.Queue(Queues.Default), Keys.ConsumerGroup)).PendingMessageCount);
        var waiting = await Store.GetAsync(entry.JobId, CancellationToken.None);
        Assert.Equal(JobStatus.Pending, waiting!.Status);
        Assert.NotNull(waiting.NextAttemptAt);
        Assert.Equal(0, await Store.PromoteDueAsync(10, CancellationToken.None));
        Assert.Empty(await Queue.ReadAsync(Queues.Default, "w2", 10, ownPending: false, CancellationToken.None));

        await Task.Delay(400);
        Assert.Equal(1, await Store.PromoteDueAsync(10, CancellationToken.None));
        var next = Assert.Single(await Queue.ReadAsync(Queues.Default, "w2", 10, ownPending: false, CancellationToken.None));
        var claim = await Store.ClaimAsync(next, "w2", null, CancellationToken.None);
        Assert.Equal(2, claim.Claim.Attempt);
        // The first attempt's entry is no longer the job's: claiming through it is stale.
        Assert.Equal(TransitionOutcome.StaleEntry, (await Store.ClaimAsync(entry, "w3", null, CancellationToken.None)).Claim.Outcome);
    }

    [Fact]
    public async Task RequeueOfAStaleAttemptIsFenced()
    {
        var (entry, _) = await ClaimRunningAsync();

        var stale = await Store.RequeueAsync(entry.JobId, 5, entry.Ack, null, NoDeadlines, "retry", FailureReasons.ExecutorError, null, CancellationToken.None);

        Assert.Equal(TransitionOutcome.Fenced, stale.Outcome);
        Assert.Equal(JobStatus.Running, (await Store.GetAsync(entry.JobId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task FailedOutcomesAreRecordedOnTheDeadLetterStream()
    {
        var (entry, attempt) = await ClaimRunningAsync();

        await Store.FinishAsync(entry.JobId, attempt, new ExecutionResult { FailureReason = FailureReasons.Trap }, entry.Ack, CancellationToken.None);

        var letter = Assert.Single(await Store.GetDeadLettersAsync(10, CancellationToken.None));
        Assert.Equal((entry.JobId, FailureReasons.Trap, 1), (letter.JobId, letter.Reason, letter.Attempt));
    }

    [Fact]
    public async Task RetryOnDemandReopensAFailedJobAsANewAttemptButNotACompletedOne()
    {
        var (failed, attempt) = await ClaimRunningAsync();
        await Store.FinishAsync(failed.JobId, attempt, new ExecutionResult { FailureReason = FailureReasons.Trap }, failed.Ack, CancellationToken.None);
        var (completed, attempt2) = await ClaimRunningAsync();
        await Store.FinishAsync(completed.JobId, attempt2, Success, completed.Ack, CancellationToken.None);

        var retried = await Store.RetryAsync(failed.JobId, null, CancellationToken.None);
        var refused = await Store.RetryAsync(completed.JobId, null, CancellationToken.None);

        Assert.True(retried.Applied);
        Assert.Equal(TransitionOutcome.WrongState, refused.Outcome);
        var entry = Assert.Single(await Queue.ReadAsync(Queues.Default, "w2", 10, ownPending: false, CancellationToken.None));
        var claim = await Store.ClaimAsync(entry, "w2", null, CancellationToken.None);
        Assert.Equal(2, claim.Claim.Attempt);
        Assert.False(claim.AttemptsExhausted);
    }

    [Fact]
    public async Task ConcurrentSubmitsWithOneIdempotencyKeyCreateOneJob()
    {
        var submission = Submission() with { Idempotency = ("key-1", "hash-a") };

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Store.SubmitAsync(submission, CancellationToken.None)));
        var otherBody = await Store.SubmitAsync(Submission() with { Idempotency = ("key-1", "hash-b") }, CancellationToken.None);

        Assert.Single(results.Select(r => r.Job.Id).Distinct(StringComparer.Ordinal));
        Assert.Equal(19, results.Count(r => r.Replayed));
        Assert.All(results, r => Assert.True(r.BodyMatches));
        Assert.True(otherBody.Replayed);
        Assert.False(otherBody.BodyMatches);
        Assert.Equal(1, (await Store.StatsAsync(CancellationToken.None)).Total);
    }

    [Fact]
    public async Task PendingJobsPastTheirQueueDeadlineFailWithQueueTimeout()
    {
        await Queue.EnsureGroupAsync(Queues.Default, CancellationToken.None);
        var waiting = (await Store.SubmitAsync(Submission() with { QueueTimeoutSeconds = 1 }, CancellationToken.None)).Job;
        var patient = (await Store.SubmitAsync(Submission(), CancellationToken.None)).Job;

        Assert.Equal(0, await Store.ExpireOverdueAsync(10, CancellationToken.None));
        await Task.Delay(1100);
        Assert.Equal(1, await Store.ExpireOverdueAsync(10, CancellationToken.None));

        var expired = await Store.GetAsync(waiting.Id, CancellationToken.None);
        Assert.Equal((JobStatus.Failed, FailureReasons.QueueTimeout), (expired!.Status, expired.FailureReason));
        Assert.Equal(JobStatus.Pending, (await Store.GetAsync(patient.Id, CancellationToken.None))!.Status);
        Assert.Contains(await Store.GetDeadLettersAsync(10, CancellationToken.None), l => l.JobId == waiting.Id && l.Reason == FailureReasons.QueueTimeout);
    }

    [Fact]
    public async Task ClaimCarriesTheJobsDeadlines()
    {
        await Queue.EnsureGroupAsync(Queues.Default, CancellationToken.None);
        await Store.SubmitAsync(Submission() with { QueueTimeoutSeconds = 30, TotalTimeoutSeconds = 60 }, CancellationToken.None);
        var entry = Assert.Single(await Queue.ReadAsync(Queues.Default, "w1", 1, ownPending: false, CancellationToken.None));

        var deadlines = (await Store.ClaimAsync(entry, "w1", null, CancellationToken.None)).Deadlines;

        Assert.Equal(30, deadlines.QueueTimeoutSeconds);
        Assert.InRange((deadlines.TotalDeadline!.Value - deadlines.QueueDeadline!.Value).TotalSeconds, 29, 31);
        Assert.Null(deadlines.ExpiredAt(DateTimeOffset.UtcNow));
        Assert.Equal(FailureReasons.QueueTimeout, deadlines.ExpiredAt(DateTimeOffset.UtcNow.AddSeconds(45)));
        Assert.Equal(FailureReasons.TotalTimeout, deadlines.ExpiredAt(DateTimeOffset.UtcNow.AddSeconds(90)));
    }

    [Fact]
    public async Task SubmitAgainstADeletedModuleIsRefusedAndCreatesNothing()
    {
        await Db.KeyDeleteAsync(Keys.Module(Digest));

        await Assert.ThrowsAsync<ModuleDeletedException>(() => Store.SubmitAsync(Submission(), CancellationToken.None));

        Assert.Equal(0, await Db.SortedSetLengthAsync(Keys.AllJobs));
    }

    [Fact]
    public async Task ModuleIsDeletedOnlyWhenNoUnfinishedJobUsesIt()
    {
        var modules = new ModuleStore(Connection, Keys, TimeProvider.System);
        await Db.StringSetAsync(Keys.ModuleBytes(Digest), "wasm");
        await Db.HashSetAsync(Keys.Module(Digest), "aliases", "echo@1");
        await Db.StringSetAsync(Keys.Alias("echo@1"), Digest);
        var entry = await SubmitAndReadAsync();

        var busy = await modules.DeleteAsync(Digest, CancellationToken.None);
        var (claim, _, _, _, _, _) = await Store.ClaimAsync(entry, "w1", null, CancellationToken.None);
        await Store.MarkRunningAsync(entry.JobId, claim.Attempt, "ex1", DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.True((await Store.FinishAsync(entry.JobId, claim.Attempt, Success, entry.Ack, CancellationToken.None)).Applied);
        var deleted = await modules.DeleteAsync(Digest, CancellationToken.None);
        var again = await modules.DeleteAsync(Digest, CancellationToken.None);

        Assert.Equal([entry.JobId], busy.UsedBy);
        Assert.False(busy.Deleted);
        Assert.True(deleted.Deleted);
        Assert.False(again.Found);
        Assert.False(await Db.KeyExistsAsync(Keys.ModuleBytes(Digest)));
        Assert.False(await Db.KeyExistsAsync(Keys.Alias("echo@1")));
    }

    [Fact]
    public async Task JournalWritesAreFencedByAttemptAndExpectedLength()
    {
        var journal = new JournalStore(Connection, Keys);
        var entry = await SubmitAndReadAsync();
        var (claim, _, _, _, _, _) = await Store.ClaimAsync(entry, "w1", null, CancellationToken.None);

        var first = journal.Append(entry.JobId, claim.Attempt, 0, ["a", "b"]);
        var stale = journal.Append(entry.JobId, claim.Attempt + 1, 2, ["c"]);
        var conflict = journal.Append(entry.JobId, claim.Attempt, 1, ["c"]);
        var replaced = journal.Replace(entry.JobId, claim.Attempt, 1, "B");
        var outOfRange = journal.Replace(entry.JobId, claim.Attempt, 5, "X");
        var retried = await Store.RetryAsync(entry.JobId, null, CancellationToken.None);

        Assert.Equal(["ok", "fenced", "conflict", "ok", "conflict"], [first, stale, conflict, replaced, outOfRange]);
        Assert.Equal(TransitionOutcome.WrongState, retried.Outcome); // still claimed: the journal stays
        Assert.Equal(["a", "B"], await journal.LoadAsync(entry.JobId, CancellationToken.None));
    }

    [Fact]
    public async Task RetryOnDemandClearsTheJournal()
    {
        var journal = new JournalStore(Connection, Keys);
        var entry = await SubmitAndReadAsync();
        var (claim, _, _, _, _, _) = await Store.ClaimAsync(entry, "w1", null, CancellationToken.None);
        journal.Append(entry.JobId, claim.Attempt, 0, ["a"]);
        await Store.MarkRunningAsync(entry.JobId, claim.Attempt, "ex1", DateTimeOffset.UtcNow, CancellationToken.None);
        await Store.FinishAsync(entry.JobId, claim.Attempt, new ExecutionResult { FailureReason = FailureReasons.Trap }, entry.Ack, CancellationToken.None);

        var retried = await Store.RetryAsync(entry.JobId, null, CancellationToken.None);

        Assert.True(retried.Applied);
        Assert.Empty(await journal.LoadAsync(entry.JobId, CancellationToken.None));
    }
}
