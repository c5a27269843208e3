using System.Net;
using System.Net.Http.Json;
using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.State;

namespace MvmCi.IntegrationTests;

/// <remarks>Run under every topology: see the classes in Topologies/.</remarks>
public abstract class CancellationTests(MvmCiAppFixture app)
{
    private async Task<HttpResponseMessage> CancelAsync(string id) =>
        await app.Api.PostAsync(new Uri($"/api/jobs/{id}/cancel", UriKind.Relative), null);

    [Fact]
    public async Task QueuedJobsNeverStartAndRunningOnesAreInterrupted()
    {
        var loop = await app.UploadAsync("loop");
        var echo = await app.UploadAsync("echo");
        // Eight long jobs fill every slot of both workers; the ninth waits in the queue.
        var busy = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => app.SubmitAsync(new { module = loop.Digest, timeoutSeconds = 120 })));
        await WaitUntilAsync(async () => (await StatusesAsync(busy)).All(s => s is JobStatus.Claimed or JobStatus.Running));
        var queued = await app.SubmitAsync(new { module = echo.Digest });

        using var cancelQueued = await CancelAsync(queued.Id);
        var cancelBusy = await Task.WhenAll(busy.Select(j => CancelAsync(j.Id)));

        Assert.Equal(HttpStatusCode.OK, cancelQueued.StatusCode);
        Assert.All(cancelBusy, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var ended = await Task.WhenAll(busy.Select(j => app.WaitForTerminalAsync(j.Id, TimeSpan.FromSeconds(30))));
        Assert.All(ended, job => Assert.Equal((JobStatus.Cancelled, FailureReasons.Cancelled), (job.Status, job.FailureReason)));
        var neverRan = await app.WaitForTerminalAsync(queued.Id);
        Assert.Equal(JobStatus.Cancelled, neverRan.Status);
        Assert.Null(neverRan.StartedAt);
        Assert.True(string.IsNullOrEmpty(neverRan.Stdout));
    }

    [Fact]
    public async Task CancellingAFinishedJobIsAConflict()
    {
        var echo = await app.UploadAsync("echo");
        var job = await app.WaitForTerminalAsync((await app.SubmitAsync(new { module = echo.Digest })).Id);

        using var response = await CancelAsync(job.Id);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(JobStatus.Completed, (await app.WaitForTerminalAsync(job.Id)).Status);
    }

    [Fact]
    public async Task CancellingAnUnknownJobIsNotFound()
    {
        using var response = await CancelAsync(Guid.CreateVersion7().ToString());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task HistoryStreamsAsServerSentEventsUntilTheJobEnds()
    {
        var spin = await app.UploadAsync("spin");
        var job = await app.SubmitAsync(new { module = spin.Digest });

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/jobs/{job.Id}/events", UriKind.Relative));
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await app.Api.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var kinds = body.Split('\n').Where(l => l.StartsWith("event: ", StringComparison.Ordinal)).Select(l => l[7..]).ToArray();
        Assert.Equal([JobStatus.Pending, JobStatus.Claimed, JobStatus.Running, JobStatus.Completed], kinds);
    }

    private async Task<string[]> StatusesAsync(IEnumerable<JobRecord> jobs) =>
        (await Task.WhenAll(jobs.Select(j => app.Api.GetFromJsonAsync<JobRecord>(new Uri($"/api/jobs/{j.Id}", UriKind.Relative)))))
        .Select(j => j!.Status).ToArray();

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
