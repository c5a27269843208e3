using System.Net.Http.Json;
using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.State;
using Xunit.Abstractions;

namespace MvmCi.IntegrationTests;

[Collection(PoolCollection.Name)]
public sealed class PoolTopologyTests(PoolAppFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task WorkersSpreadCallsOverThePool()
    {
        var module = await app.UploadAsync("echo");

        var jobs = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
            await app.WaitForTerminalAsync((await app.SubmitAsync(new { module = module.Digest, args = new[] { $"{i}" } })).Id)));

        Assert.All(jobs, j => Assert.Equal(JobStatus.Completed, j.Status));
        Assert.Equal(["flawless-1", "flawless-2"], jobs.Select(j => j.ExecutorId!).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task StoppingOneExecutorMidRunLosesNoJob()
    {
        var module = await app.UploadAsync("spin");
        var submitted = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => app.SubmitAsync(new { module = module.Digest })));
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (true)
            {
                var seen = await Task.WhenAll(submitted.Take(10).Select(j => app.Api.GetFromJsonAsync<JobRecord>(new Uri($"/api/jobs/{j.Id}", UriKind.Relative), wait.Token)));
                if (seen.Any(j => j!.ExecutorId == "flawless-1" && j.Status == JobStatus.Running))
                {
                    break;
                }
                await Task.Delay(20, wait.Token);
            }
        }
        var executor = WorkerProcesses.FindByVariable("Flawless__ExecutorId=flawless-1", app.KeyspacePrefix);
        output.WriteLine($"killing flawless-1 ({executor.ProcessName} pid {executor.Id})");
        executor.Kill(entireProcessTree: true);
        await executor.WaitForExitAsync();

        var jobs = await Task.WhenAll(submitted.Select(j => app.WaitForTerminalAsync(j.Id, TimeSpan.FromMinutes(3))));

        Assert.All(jobs, job =>
        {
            Assert.Equal(JobStatus.Completed, job.Status);
            Assert.Equal("done\n", job.Stdout);
        });
        var moved = jobs.Where(j => j.Attempt > 1).ToList();
        output.WriteLine($"{moved.Count} jobs ran again after the kill; executors of the last attempts: " +
            string.Join(", ", jobs.GroupBy(j => j.ExecutorId).Select(g => $"{g.Key} {g.Count()}")));
        Assert.NotEmpty(moved);
        Assert.All(moved, j => Assert.Equal("flawless-2", j.ExecutorId));
    }
}
