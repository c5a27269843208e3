using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.State;
using Xunit.Abstractions;

namespace MvmCi.IntegrationTests;

[Collection(DrainCollection.Name)]
public sealed class DrainTests(DrainAppFixture app, ITestOutputHelper output)
{
    private sealed record WorkerListPage(WorkerRecord[] Items);

    private async Task<WorkerRecord[]> WorkersAsync() =>
        (await app.Api.GetFromJsonAsync<WorkerListPage>(new Uri("/api/workers", UriKind.Relative)))!.Items;

    private async Task<JobRecord[]> JobsAsync(IEnumerable<JobRecord> jobs) =>
        (await Task.WhenAll(jobs.Select(j => app.Api.GetFromJsonAsync<JobRecord>(new Uri($"/api/jobs/{j.Id}", UriKind.Relative)))))!.Select(j => j!).ToArray();

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!await condition())
        {
            await Task.Delay(100, cts.Token);
        }
    }

    [Fact]
    public async Task SigtermHandsRunningJobsBackAtOnceAndRemoteDrainStopsClaiming()
    {
        await WaitUntilAsync(async () => (await WorkersAsync()).Count(w => w.State == "online") == 2, TimeSpan.FromSeconds(30));
        var loop = await app.UploadAsync("loop");
        var jobs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => app.SubmitAsync(new { module = loop.Digest, timeoutSeconds = 120 })));
        await WaitUntilAsync(async () => (await JobsAsync(jobs)).All(j => j.Status is JobStatus.Claimed or JobStatus.Running), TimeSpan.FromSeconds(30));
        var held = await JobsAsync(jobs);
        // Free worker-1's slots, so it can take what worker-2 hands back.
        foreach (var job in held.Where(j => j.WorkerId == "worker-1"))
        {
            (await app.Api.PostAsync(new Uri($"/api/jobs/{job.Id}/cancel", UriKind.Relative), null)).Dispose();
        }
        var onWorker2 = held.Where(j => j.WorkerId == "worker-2").ToArray();
        Assert.NotEmpty(onWorker2);

        var worker2 = (await WorkersAsync()).Single(w => w.Id == "worker-2");
        var signalledAt = DateTimeOffset.UtcNow;
        using (var kill = Process.Start("kill", ["-TERM", worker2.ProcessId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await WaitUntilAsync(async () => (await JobsAsync(onWorker2)).All(j => j.WorkerId == "worker-1" && j.Attempt == 2), TimeSpan.FromSeconds(40));
        var taken = await JobsAsync(onWorker2);
        var delays = taken.Select(j => (j.ClaimedAt!.Value - signalledAt).TotalSeconds).Order().ToArray();
        output.WriteLine($"{taken.Length} handed-back jobs claimed again by worker-1 {delays[0]:F1}–{delays[^1]:F1} s after SIGTERM (grace {DrainAppFixture.DrainGraceSeconds} s, lease {DrainAppFixture.LeaseTtlSeconds} s)");
        Assert.All(delays, d => Assert.True(d < DrainAppFixture.LeaseTtlSeconds / 2, $"taken again only after {d:F1} s"));
        await WaitUntilAsync(async () => (await WorkersAsync()).Single(w => w.Id == "worker-2").State == "offline", TimeSpan.FromSeconds(30));

        using var drain = await app.Api.PostAsync(new Uri("/api/workers/worker-1/drain", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, drain.StatusCode);
        await WaitUntilAsync(async () => (await WorkersAsync()).Single(w => w.Id == "worker-1").State == "draining", TimeSpan.FromSeconds(10));
        var echo = await app.UploadAsync("echo");
        var late = await app.SubmitAsync(new { module = echo.Digest });
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(JobStatus.Pending, (await JobsAsync([late]))[0].Status);

        // The jobs worker-1 still runs keep running while it drains; nothing is lost.
        Assert.All(await JobsAsync(taken), j => Assert.Equal(JobStatus.Running, j.Status));
        foreach (var job in taken.Append(late))
        {
            (await app.Api.PostAsync(new Uri($"/api/jobs/{job.Id}/cancel", UriKind.Relative), null)).Dispose();
        }
        using var unknown = await app.Api.PostAsync(new Uri("/api/workers/nobody/drain", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
