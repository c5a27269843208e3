using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MvmCi.Jobs.State;

namespace MvmCi.IntegrationTests;

/// <summary>
/// What operators look at: the overview (Redis, workers, executors, queues, throughput), the executor registry,
/// and the live streams the dashboard follows. Run under every topology (see Topologies/).
/// </summary>
public abstract class OverviewTests(MvmCiAppFixture app)
{
    private static readonly string[] Workers = ["worker-1", "worker-2"];

    private static CancellationToken Soon => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    [Fact]
    public async Task TheOverviewShowsTheClusterUpAndCountsAFinishedJob()
    {
        var module = await app.UploadAsync("echo");
        var job = await app.WaitForTerminalAsync((await app.SubmitAsync(new { module = module.Digest, args = new[] { "overview" } })).Id);
        Assert.Equal(JobStatus.Completed, job.Status);

        // Executors report their counts with their heartbeat (every 2 s): wait for the one that includes this job.
        var overview = await ReadOverviewAsync();
        for (var i = 0; i < 150 && CompletedByExecutors(overview) < 1; i++)
        {
            await Task.Delay(200);
            overview = await ReadOverviewAsync();
        }

        var redis = overview.GetProperty("redis");
        Assert.Equal("up", redis.GetProperty("status").GetString());
        Assert.StartsWith("7.", redis.GetProperty("version").GetString(), StringComparison.Ordinal);
        Assert.True(redis.GetProperty("usedMemoryBytes").GetInt64() > 0);
        var workers = overview.GetProperty("workers");
        Assert.Equal(2, workers.GetProperty("online").GetInt32());
        Assert.Equal(Workers, workers.GetProperty("items").EnumerateArray().Select(w => w.GetProperty("id").GetString()));
        // Every executor the topology has reports itself, online, with its kind (a service, or embedded in a worker).
        var executors = overview.GetProperty("executors").GetProperty("items").EnumerateArray().ToArray();
        var expected = Workers.SelectMany(app.ExecutorsOf).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, executors.Select(e => e.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        Assert.All(executors, e => Assert.Equal("online", e.GetProperty("state").GetString()));
        Assert.All(executors, e => Assert.Equal(
            e.GetProperty("id").GetString()!.EndsWith("/embedded", StringComparison.Ordinal) ? "embedded" : "service",
            e.GetProperty("kind").GetString()));
        Assert.True(CompletedByExecutors(overview) >= 1, "no executor counted the job");
        var queue = Assert.Single(overview.GetProperty("queues").EnumerateArray(),
            q => q.GetProperty("queue").GetString() == "default" && q.GetProperty("priority").GetInt32() == 0);
        Assert.True(queue.GetProperty("length").GetInt64() >= 1);
        Assert.Equal(2, queue.GetProperty("consumers").GetInt32());
        Assert.True(overview.GetProperty("stats").GetProperty("completed").GetInt64() >= 1);
        var throughput = overview.GetProperty("throughput");
        var minutes = throughput.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(15, minutes.Length);
        Assert.True(minutes.Sum(m => m.GetProperty("completed").GetInt64()) >= 1);
        Assert.True(minutes.Sum(m => m.GetProperty("submitted").GetInt64()) >= 1);
        Assert.True(throughput.GetProperty("jobsPerSecond").GetDouble() > 0);
    }

    private Task<JsonElement> ReadOverviewAsync() =>
        app.Api.GetFromJsonAsync<JsonElement>(new Uri("/api/overview", UriKind.Relative));

    private static long CompletedByExecutors(JsonElement overview) =>
        overview.GetProperty("executors").GetProperty("items").EnumerateArray().Sum(e => e.GetProperty("completed").GetInt64());

    [Fact]
    public async Task TheOverviewStreamSendsANewDocumentWhenAJobFinishes()
    {
        var module = await app.UploadAsync("echo");
        await using var stream = await EventStream.OpenAsync(app.Api, "/api/overview", Soon);
        var first = await stream.WaitForAsync("overview", _ => true, Soon);
        var before = first.GetProperty("stats").GetProperty("completed").GetInt64();

        await app.WaitForTerminalAsync((await app.SubmitAsync(new { module = module.Digest })).Id);

        var after = await stream.WaitForAsync("overview", o => o.GetProperty("stats").GetProperty("completed").GetInt64() > before, Soon);
        Assert.Equal("up", after.GetProperty("redis").GetProperty("status").GetString());
    }

    [Fact]
    public async Task AJobStreamsEachChangeThenEndsOnceItIsFinal()
    {
        // Runs until its 3 s timeout: long enough to be seen running, one attempt only.
        var module = await app.UploadAsync("loop");
        var submitted = await app.SubmitAsync(new { module = module.Digest, timeoutSeconds = 3, retry = new { maxAttempts = 1 } });

        await using var stream = await EventStream.OpenAsync(app.Api, $"/api/jobs/{submitted.Id}", Soon);
        var statuses = new List<string>();
        string? last = null;
        while (await stream.NextAsync(Soon) is { } next)
        {
            last = next.Name;
            if (next.Name == "job")
            {
                Assert.Equal(submitted.Id, next.Data.GetProperty("id").GetString());
                statuses.Add(next.Data.GetProperty("status").GetString()!);
            }
        }

        Assert.Equal("end", last);
        Assert.Equal(JobStatus.Failed, statuses[^1]);
        // Only changes are sent, in the order of the state machine.
        Assert.Equal(statuses.Distinct(), statuses);
        Assert.Contains(JobStatus.Running, statuses);
    }

    [Fact]
    public async Task ALongPollAnswersOnceTheJobIsFinal()
    {
        var module = await app.UploadAsync("echo");
        var submitted = await app.SubmitAsync(new { module = module.Digest, args = new[] { "waited" } });

        var job = await app.Api.GetFromJsonAsync<JsonElement>(new Uri($"/api/jobs/{submitted.Id}?wait=30", UriKind.Relative));
        using var tooLong = await app.Api.GetAsync(new Uri($"/api/jobs/{submitted.Id}?wait=61", UriKind.Relative));

        Assert.Equal(JobStatus.Completed, job.GetProperty("status").GetString());
        Assert.Equal("waited\n", job.GetProperty("stdout").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    [Fact]
    public async Task ASubmitWithWaitAnswersWithTheOutcome()
    {
        var module = await app.UploadAsync("echo");

        using var response = await app.Api.PostAsJsonAsync(new Uri("/api/jobs?wait=30", UriKind.Relative), new { module = module.Digest, args = new[] { "at once" } });
        var job = await response.Content.ReadFromJsonAsync<JsonElement>();
        using var badWait = await app.Api.PostAsJsonAsync(new Uri("/api/jobs?wait=-1", UriKind.Relative), new { module = module.Digest });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"/api/jobs/{job.GetProperty("id").GetString()}", response.Headers.Location?.OriginalString);
        Assert.Equal((JobStatus.Completed, "at once\n"), (job.GetProperty("status").GetString(), job.GetProperty("stdout").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, badWait.StatusCode);
    }

    [Fact]
    public async Task TheJobListFiltersByQueueAndOrderAndRefusesBadValues()
    {
        var module = await app.UploadAsync("echo");
        var first = await app.SubmitAsync(new { module = module.Digest });
        var second = await app.SubmitAsync(new { module = module.Digest });
        await app.WaitForTerminalAsync(second.Id);

        var oldest = await app.Api.GetFromJsonAsync<JsonElement>(new Uri($"/api/jobs?queue=default&order=asc&cursor={first.Id}&limit=500", UriKind.Relative));
        var otherQueue = await app.Api.GetFromJsonAsync<JsonElement>(new Uri("/api/jobs?queue=nobody-uses-this", UriKind.Relative));
        using var badOrder = await app.Api.GetAsync(new Uri("/api/jobs?order=sideways", UriKind.Relative));
        using var badQueue = await app.Api.GetAsync(new Uri("/api/jobs?queue=..%2Fetc", UriKind.Relative));

        var ids = oldest.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("id").GetString()).ToList();
        Assert.Contains(second.Id, ids);
        Assert.DoesNotContain(first.Id, ids);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Empty(otherQueue.GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, badOrder.StatusCode);
        Assert.Contains("'order' must be", await badOrder.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badQueue.StatusCode);
    }

    [Fact]
    public async Task TheWorkerAndExecutorListsStreamLive()
    {
        await using var workers = await EventStream.OpenAsync(app.Api, "/api/workers", Soon);
        await using var executors = await EventStream.OpenAsync(app.Api, "/api/executors", Soon);

        var workerList = await workers.WaitForAsync("workers", _ => true, Soon);
        var executorList = await executors.WaitForAsync("executors", _ => true, Soon);

        Assert.Equal(2, workerList.GetProperty("items").GetArrayLength());
        Assert.Equal(Workers.SelectMany(app.ExecutorsOf).Distinct().Count(), executorList.GetProperty("items").GetArrayLength());
        // Heartbeats move lastSeen: the stream keeps sending.
        var seen = workerList.GetProperty("items")[0].GetProperty("lastSeen").GetDateTimeOffset();
        await workers.WaitForAsync("workers", w => w.GetProperty("items")[0].GetProperty("lastSeen").GetDateTimeOffset() > seen, Soon);
    }
}
