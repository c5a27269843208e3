using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using MvmCi.Jobs.State;
using Xunit.Abstractions;

namespace MvmCi.IntegrationTests;

[Collection(FaultCollection.Name)]
public sealed class RedisRestartTests(FaultAppFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task RestartingRedisDuringARunLosesNoAcceptedJob()
    {
        var module = await app.UploadAsync("spin");
        var submitted = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => app.SubmitAsync(new { module = module.Digest })));
        await Task.Delay(TimeSpan.FromSeconds(1));

        var commands = app.App.Services.GetRequiredService<ResourceCommandService>();
        var restarted = await commands.ExecuteCommandAsync("redis", KnownResourceCommands.RestartCommand);
        Assert.True(restarted.Success, restarted.Message);
        // No wait on the resource's state here: it passes through "exited" while it restarts. That Redis
        // is back (with its data) is what the jobs completing shows.

        var jobs = await Task.WhenAll(submitted.Select(j => app.WaitForTerminalAsync(j.Id, TimeSpan.FromMinutes(3))));

        Assert.All(jobs, job => Assert.Equal(JobStatus.Completed, job.Status));
        output.WriteLine($"{jobs.Count(j => j.Attempt > 1)} of {jobs.Length} jobs needed a second attempt after the restart");
    }
}
