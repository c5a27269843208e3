using System.Diagnostics;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using MvmCi.Jobs.State;
using MvmCi.Testing;
using Xunit.Abstractions;

namespace MvmCi.IntegrationTests;

[Collection(FaultCollection.Name)]
public sealed class DurableRunTests(FaultAppFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task KillingTheExecutorAfterTheThirdCallResumesTheJobAndSendsEachCallOnce()
    {
        using var server = new RecordingHttpServer();
        var thirdCall = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.OnRequest = count =>
        {
            if (count == 3)
            {
                thirdCall.TrySetResult();
            }
        };
        var module = await app.UploadBuiltAsync("durable-steps");
        var job = await app.SubmitAsync(new
        {
            module = module.Digest,
            args = new[] { "1500" },
            input = server.BaseUrl,
            // Outbound HTTP is denied unless the job allows the host: this one allows the test's server.
            httpAllowedHosts = new[] { new Uri(server.BaseUrl).Authority },
            timeoutSeconds = 120,
            retry = new { maxAttempts = 20, initialIntervalSeconds = 0.5, maxIntervalSeconds = 2 },
        });

        await thirdCall.Task.WaitAsync(TimeSpan.FromSeconds(60));
        // Kill once the third reply is in the journal (the guest then sleeps 1.5 s before the fourth).
        var journalKey = $"{app.KeyspacePrefix}:job:{job.Id}:journal";
        var watch = Stopwatch.StartNew();
        while (CompletedCalls(await app.Redis.ListRangeAsync(journalKey)) < 3)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "the third call was never journaled");
            await Task.Delay(10);
        }
        var executor = WorkerProcesses.FindByVariable("Flawless__ExecutorId=flawless", app.KeyspacePrefix);
        output.WriteLine($"killing {executor.ProcessName} pid {executor.Id} after {server.Requests.Count} calls");
        executor.Kill(entireProcessTree: true);
        await executor.WaitForExitAsync();

        var commands = app.App.Services.GetRequiredService<ResourceCommandService>();
        var restarted = await commands.ExecuteCommandAsync("flawless", KnownResourceCommands.StartCommand);
        if (!restarted.Success)
        {
            restarted = await commands.ExecuteCommandAsync("flawless", KnownResourceCommands.RestartCommand);
        }
        Assert.True(restarted.Success, restarted.Message);

        var done = await app.WaitForTerminalAsync(job.Id, TimeSpan.FromMinutes(3));

        output.WriteLine($"{done.Status} on attempt {done.Attempt}: {done.FailureReason} {done.FailureMessage}");
        Assert.Equal(JobStatus.Completed, done.Status);
        Assert.Equal("done 5", done.Output);
        Assert.True(done.Attempt >= 2, $"attempt {done.Attempt}");
        Assert.Equal(string.Concat(Enumerable.Range(1, 5).Select(i => $"step {i}: 200\n")), done.Stdout);
        Assert.All(Enumerable.Range(1, 5), i => Assert.Equal(1, server.Count($"/step/{i}")));
        Assert.Equal(5, server.Requests.Count);
    }

    private static int CompletedCalls(StackExchange.Redis.RedisValue[] entries) =>
        entries.Count(e =>
        {
            using var entry = JsonDocument.Parse(e.ToString());
            return entry.RootElement.TryGetProperty("state", out var state) && state.GetString() == "completed";
        });
}
