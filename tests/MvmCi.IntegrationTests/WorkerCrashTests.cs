using System.Net.Http.Json;
using MvmCi.Jobs.State;
using Xunit.Abstractions;

namespace MvmCi.IntegrationTests;

[Collection(FaultCollection.Name)]
public sealed class WorkerCrashTests(FaultAppFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task KillingAWorkerMidRunLosesNoJobAndRecordsEachOutcomeOnce()
    {
        var module = await app.UploadAsync("spin");
        var submitted = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => app.SubmitAsync(new { module = module.Digest })));

        // Wait until worker-1 is in the middle of jobs, freeze it (so none of them can finish between the look and the
        // kill), make sure it still holds one, then kill it without warning.
        var workerPid = (await app.Api.GetFromJsonAsync<WorkerList>(new Uri("/api/workers", UriKind.Relative)))!
            .Items.Single(w => w.Id == "worker-1").ProcessId!.Value;
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (true)
            {
                var held = await HeldByAsync("worker-1", submitted, wait.Token);
                if (held.Any(j => j.Status == JobStatus.Running))
                {
                    await SignalAsync("STOP", workerPid);
                    if ((await HeldByAsync("worker-1", submitted, wait.Token)).Length > 0)
                    {
                        break;
                    }
                    await SignalAsync("CONT", workerPid);
                }
                await Task.Delay(20, wait.Token);
            }
        }
        var worker = WorkerProcesses.Find("worker-1", app.KeyspacePrefix);
        var killedAt = DateTimeOffset.UtcNow;
        output.WriteLine($"killing {worker.ProcessName} pid {worker.Id} (worker pid {workerPid}, stopped)");
        worker.Kill(entireProcessTree: true);
        await worker.WaitForExitAsync();

        var jobs = await Task.WhenAll(submitted.Select(j => app.WaitForTerminalAsync(j.Id, TimeSpan.FromMinutes(4))));

        Assert.All(jobs, job =>
        {
            Assert.Equal(JobStatus.Completed, job.Status);
            Assert.Equal("done\n", job.Stdout);
        });
        foreach (var group in jobs.GroupBy(j => (j.WorkerId, j.Attempt)))
        {
            output.WriteLine($"{group.Key.WorkerId} attempt {group.Key.Attempt}: {group.Count()} jobs, last finished {group.Max(j => j.FinishedAt):O}");
        }
        output.WriteLine($"killed at {killedAt:O}");
        var reclaimed = jobs.Where(j => j.Attempt > 1).ToArray();
        Assert.NotEmpty(reclaimed);
        Assert.All(reclaimed, job => Assert.Equal("worker-2", job.WorkerId));
        // Exactly one outcome per job: every history holds one terminal event.
        foreach (var job in jobs)
        {
            var events = await app.Api.GetFromJsonAsync<EventList>(new Uri($"/api/jobs/{job.Id}/events", UriKind.Relative));
            Assert.Single(events!.Items, e => JobStatus.IsTerminal(e.Status));
        }
        var pending = await app.Redis.StreamPendingAsync($"{app.KeyspacePrefix}:queue:default", "workers");
        Assert.Equal(0, pending.PendingMessageCount);

        var reclaimDelays = reclaimed.Select(j => (j.ClaimedAt!.Value - killedAt).TotalSeconds).Order().ToArray();
        output.WriteLine($"reclaimed {reclaimed.Length} jobs; claimed again {reclaimDelays[0]:F1}–{reclaimDelays[^1]:F1} s after the kill (lease TTL {FaultAppFixture.LeaseTtlSeconds} s)");
        Assert.True(reclaimDelays[0] < FaultAppFixture.LeaseTtlSeconds * 4, $"first reclaim only after {reclaimDelays[0]:F1} s");
    }

    /// <summary>The jobs <paramref name="workerId"/> has claimed or runs now.</summary>
    private async Task<Jobs.Contracts.JobRecord[]> HeldByAsync(string workerId, IEnumerable<Jobs.Contracts.JobRecord> jobs, CancellationToken cancellationToken)
    {
        var current = await Task.WhenAll(jobs.Select(j => app.Api.GetFromJsonAsync<Jobs.Contracts.JobRecord>(new Uri($"/api/jobs/{j.Id}", UriKind.Relative), cancellationToken)));
        return [.. current.Where(j => j!.WorkerId == workerId && j.Status is JobStatus.Claimed or JobStatus.Running).Select(j => j!)];
    }

    private static async Task SignalAsync(string signal, int pid)
    {
        using var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    private sealed record EventList(Jobs.Contracts.JobEvent[] Items);

    private sealed record WorkerList(Jobs.Contracts.WorkerRecord[] Items);
}
