using System.Net.Http.Json;
using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.State;

namespace MvmCi.IntegrationTests;

[Collection(AppCollection.Name)]
public sealed class PriorityTests(MvmCiAppFixture app)
{
    [Fact]
    public async Task HigherPriorityIsTakenFirstWithinAQueue()
    {
        var loop = await app.UploadAsync("loop");
        var echo = await app.UploadAsync("echo");
        var busy = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => app.SubmitAsync(new { module = loop.Digest, timeoutSeconds = 120 })));
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (!(await Task.WhenAll(busy.Select(j => app.Api.GetFromJsonAsync<JobRecord>(new Uri($"/api/jobs/{j.Id}", UriKind.Relative), wait.Token))))
                .All(j => j!.Status is JobStatus.Claimed or JobStatus.Running))
            {
                await Task.Delay(50, wait.Token);
            }
        }

        var low = await app.SubmitAsync(new { module = echo.Digest, args = new[] { "low" } });
        var high = await app.SubmitAsync(new { module = echo.Digest, args = new[] { "high" }, priority = 9 });
        string lowStatusWhenHighWasClaimed;
        try
        {
            // One worker slot frees up: it must claim the high-priority job although the low one was queued first.
            (await app.Api.PostAsync(new Uri($"/api/jobs/{busy[0].Id}/cancel", UriKind.Relative), null)).Dispose();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while ((await app.Api.GetFromJsonAsync<JobRecord>(new Uri($"/api/jobs/{high.Id}", UriKind.Relative), wait.Token))!.Status == JobStatus.Pending)
            {
            }
            lowStatusWhenHighWasClaimed = (await app.Api.GetFromJsonAsync<JobRecord>(new Uri($"/api/jobs/{low.Id}", UriKind.Relative)))!.Status;
        }
        finally
        {
            foreach (var job in busy)
            {
                (await app.Api.PostAsync(new Uri($"/api/jobs/{job.Id}/cancel", UriKind.Relative), null)).Dispose();
            }
        }
        var highDone = await app.WaitForTerminalAsync(high.Id);
        var lowDone = await app.WaitForTerminalAsync(low.Id);

        Assert.Equal(JobStatus.Pending, lowStatusWhenHighWasClaimed);
        Assert.Equal((JobStatus.Completed, 9), (highDone.Status, highDone.Priority));
        Assert.Equal(JobStatus.Completed, lowDone.Status);
        Assert.True(highDone.ClaimedAt < lowDone.ClaimedAt, $"high claimed {highDone.ClaimedAt:O}, low {lowDone.ClaimedAt:O}");
    }
}
