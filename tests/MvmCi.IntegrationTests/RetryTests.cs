using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.State;

namespace MvmCi.IntegrationTests;

[Collection(AppCollection.Name)]
public sealed class RetryTests(MvmCiAppFixture app)
{
    private sealed record EventList(JobEvent[] Items);

    private async Task<JobEvent[]> EventsAsync(string id) =>
        (await app.Api.GetFromJsonAsync<EventList>(new Uri($"/api/jobs/{id}/events", UriKind.Relative)))!.Items;

    [Fact]
    public async Task RetriesFollowTheBackoffAndEndInTheDeadLetters()
    {
        var exit3 = await app.UploadAsync("exit3");

        var job = await app.SubmitAsync(new
        {
            module = exit3.Digest,
            retry = new { maxAttempts = 3, initialIntervalSeconds = 0.5, backoffCoefficient = 2, retryOnExitCode = true },
        });
        var ended = await app.WaitForTerminalAsync(job.Id, TimeSpan.FromSeconds(60));

        Assert.Equal((JobStatus.Failed, 3, FailureReasons.ExitCode, 3), (ended.Status, ended.Attempt, ended.FailureReason, ended.ExitCode));
        var claims = (await EventsAsync(job.Id)).Where(e => e.Status == JobStatus.Claimed).Select(e => e.At).ToArray();
        Assert.Equal(3, claims.Length);
        // Lower bounds only: a retry may come later than its backoff, never sooner.
        Assert.True(claims[1] - claims[0] >= TimeSpan.FromSeconds(0.5), $"first retry after {(claims[1] - claims[0]).TotalSeconds:F2} s");
        Assert.True(claims[2] - claims[1] >= TimeSpan.FromSeconds(1.0), $"second retry after {(claims[2] - claims[1]).TotalSeconds:F2} s");
        var letters = await app.Api.GetFromJsonAsync<JsonElement>(new Uri("/api/deadletter", UriKind.Relative));
        Assert.Contains(letters.GetProperty("items").EnumerateArray(), l => l.GetProperty("jobId").GetString() == job.Id);
    }

    [Fact]
    public async Task NonZeroExitIsNotRetriedUnlessTheJobAsks()
    {
        var exit3 = await app.UploadAsync("exit3");

        var ended = await app.WaitForTerminalAsync((await app.SubmitAsync(new { module = exit3.Digest })).Id);

        Assert.Equal((JobStatus.Failed, 1), (ended.Status, ended.Attempt));
    }

    [Fact]
    public async Task RetryOnDemandRunsAFailedJobAgain()
    {
        var exit3 = await app.UploadAsync("exit3");
        var failed = await app.WaitForTerminalAsync((await app.SubmitAsync(new { module = exit3.Digest })).Id);

        using var retry = await app.Api.PostAsync(new Uri($"/api/jobs/{failed.Id}/retry", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var again = await app.WaitForTerminalAsync(failed.Id);

        Assert.Equal((JobStatus.Failed, 2), (again.Status, again.Attempt));
        Assert.Equal(2, (await EventsAsync(failed.Id)).Count(e => e.Status == JobStatus.Failed));
    }

    [Fact]
    public async Task RetryOfACompletedJobIsAConflict()
    {
        var echo = await app.UploadAsync("echo");
        var done = await app.WaitForTerminalAsync((await app.SubmitAsync(new { module = echo.Digest })).Id);

        using var retry = await app.Api.PostAsync(new Uri($"/api/jobs/{done.Id}/retry", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
    }

    [Fact]
    public async Task ConcurrentIdenticalPostsWithOneIdempotencyKeyCreateOneJob()
    {
        var echo = await app.UploadAsync("echo");
        var key = Guid.NewGuid().ToString();
        async Task<(HttpStatusCode Status, string? Id)> PostAsync(object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/jobs", UriKind.Relative)) { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await app.Api.SendAsync(request);
            var json = await response.Content.ReadFromJsonAsync<JsonElement>();
            return (response.StatusCode, json.TryGetProperty("id", out var id) ? id.GetString() : null);
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PostAsync(new { module = echo.Digest, args = new[] { "once" } })));
        var different = await PostAsync(new { module = echo.Digest, args = new[] { "twice" } });

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.Status));
        var id = Assert.Single(answers.Select(a => a.Id).Distinct(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, different.Status);
        Assert.Equal("once\n", (await app.WaitForTerminalAsync(id!)).Stdout);
    }
}
