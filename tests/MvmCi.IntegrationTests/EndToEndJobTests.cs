using System.Net.Http.Json;
using MvmCi.Jobs.State;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace MvmCi.IntegrationTests;

/// <remarks>Run under every topology: see the classes in Topologies/.</remarks>
public abstract class EndToEndJobTests(MvmCiAppFixture app, ITestOutputHelper output)
{
    private static readonly string[] WorkerIds = ["worker-1", "worker-2"];

    [Fact]
    public async Task ModuleThatPrintsItsArgsCompletesWithThatStdout()
    {
        await app.UploadAsync("echo", "1");

        var submitted = await app.SubmitAsync(new { module = "echo@1", args = new[] { "hello", "from", "mvmci" } });
        var job = await app.WaitForTerminalAsync(submitted.Id);

        Assert.Equal(JobStatus.Pending, submitted.Status);
        Assert.Equal(JobStatus.Completed, job.Status);
        Assert.Equal(0, job.ExitCode);
        Assert.Equal("hello from mvmci\n", job.Stdout);
        Assert.Null(job.FailureReason);
        Assert.Equal(1, job.Attempt);
        Assert.Contains(job.WorkerId, WorkerIds);
        // Under every topology, the job ran on an executor this worker may use.
        Assert.Contains(job.ExecutorId, app.ExecutorsOf(job.WorkerId!));
        Assert.True(job.CreatedAt <= job.ClaimedAt && job.ClaimedAt <= job.StartedAt && job.StartedAt <= job.FinishedAt,
            $"timestamps out of order: {job.CreatedAt:O} {job.ClaimedAt:O} {job.StartedAt:O} {job.FinishedAt:O}");
        Assert.NotNull(job.DurationMs);
    }

    [Fact]
    public async Task ModuleThatExitsThreeFailsWithExitCodeThree()
    {
        var module = await app.UploadAsync("exit3");

        var job = await app.WaitForTerminalAsync((await app.SubmitAsync(new { module = module.Digest })).Id);

        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Equal(3, job.ExitCode);
        Assert.Equal(FailureReasons.ExitCode, job.FailureReason);
        Assert.Equal("failing\n", job.Stderr);
    }

    [Fact]
    public async Task InfiniteLoopWithOneSecondTimeoutFailsWithTimeout()
    {
        var module = await app.UploadAsync("loop");

        var job = await app.WaitForTerminalAsync((await app.SubmitAsync(new { module = module.Digest, timeoutSeconds = 1 })).Id);

        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Equal(FailureReasons.Timeout, job.FailureReason);
        Assert.NotNull(job.StartedAt);
    }

    [Fact]
    public async Task EnvAndStdinReachTheGuest()
    {
        var env = await app.UploadAsync("env");
        var cat = await app.UploadAsync("cat");

        var envJob = await app.WaitForTerminalAsync((await app.SubmitAsync(new { module = env.Digest, env = new Dictionary<string, string> { ["CI"] = "true" } })).Id);
        var catJob = await app.WaitForTerminalAsync((await app.SubmitAsync(new { module = cat.Digest, stdin = "piped ✓" })).Id);

        Assert.Equal("CI=true\n", envJob.Stdout);
        Assert.Equal("piped ✓", catJob.Stdout);
    }

    [Fact]
    public async Task HundredJobsOverTwoWorkersEachCompleteExactlyOnce()
    {
        var module = await app.UploadAsync("echo");

        var submitted = await Task.WhenAll(Enumerable.Range(0, 100)
            .Select(i => app.SubmitAsync(new { module = module.Digest, args = new[] { $"job-{i}" } })));
        var jobs = await Task.WhenAll(submitted.Select(j => app.WaitForTerminalAsync(j.Id, TimeSpan.FromMinutes(2))));

        Assert.Equal(100, jobs.Select(j => j.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(jobs.Select((job, i) => (job, i)), x =>
        {
            Assert.Equal(JobStatus.Completed, x.job.Status);
            Assert.Equal(1, x.job.Attempt);
            Assert.Equal($"job-{x.i}\n", x.job.Stdout);
            Assert.Contains(x.job.WorkerId, WorkerIds);
        });
        // Every entry was acknowledged with its outcome: nothing is left pending in the group.
        var pending = await app.Redis.StreamPendingAsync($"{app.KeyspacePrefix}:queue:default", "workers");
        Assert.Equal(0, pending.PendingMessageCount);
        foreach (var group in jobs.GroupBy(j => j.WorkerId))
        {
            output.WriteLine($"{group.Key}: {group.Count()} jobs");
        }
    }

    [Fact]
    public async Task JobsAreListedNewestFirstAndCountedInStats()
    {
        var module = await app.UploadAsync("echo");
        var first = await app.SubmitAsync(new { module = module.Digest });
        var second = await app.SubmitAsync(new { module = module.Digest });
        await app.WaitForTerminalAsync(second.Id);
        await app.WaitForTerminalAsync(first.Id);

        var page = await app.Api.GetFromJsonAsync<JobListPage>(new Uri("/api/jobs?status=completed&limit=2", UriKind.Relative));
        var stats = await app.Api.GetFromJsonAsync<StatsPage>(new Uri("/api/queue/stats", UriKind.Relative));

        Assert.Equal([second.Id, first.Id], page!.Items.Select(j => j.Id));
        Assert.NotNull(page.Next);
        Assert.True(stats!.Completed >= 2);
        Assert.Equal(stats.Total, stats.Pending + stats.Claimed + stats.Running + stats.Completed + stats.Failed + stats.Cancelled);
    }

    [Fact]
    public async Task WorkersRegisterWithTheirQueuesAndSlots()
    {
        var workers = (await app.Api.GetFromJsonAsync<WorkerListPage>(new Uri("/api/workers", UriKind.Relative)))!.Items;

        Assert.Equal(WorkerIds, workers.Select(w => w.Id));
        Assert.All(workers, w =>
        {
            Assert.Equal("online", w.State);
            Assert.Equal(["default"], w.Queues);
            Assert.Equal(4, w.Slots);
            Assert.True(DateTimeOffset.UtcNow - w.LastSeen < TimeSpan.FromSeconds(30));
        });
    }

    private sealed record WorkerListPage(Jobs.Contracts.WorkerRecord[] Items);

    private sealed record JobListPage(Jobs.Contracts.JobRecord[] Items, string? Next);

    private sealed record StatsPage(long Pending, long Claimed, long Running, long Completed, long Failed, long Cancelled, long Total);
}
