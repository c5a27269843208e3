using MvmCi.Jobs.State;
using Xunit.Abstractions;

namespace MvmCi.IntegrationTests.Tracing;

/// <summary>The logs the services export while they handle a job carry its id and its trace.</summary>
[Collection(TracingCollection.Name)]
public sealed class JobLogTests(TracingAppFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task WhatTheWorkersAndExecutorsLogForAJobCarriesItsIdAndTrace()
    {
        var echo = await app.UploadAsync("echo");
        var job = await app.WaitForTerminalAsync((await app.SubmitAsync(new { module = echo.Digest, args = new[] { "logged" } })).Id);
        Assert.Equal(JobStatus.Completed, job.Status);

        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        IReadOnlyList<ReceivedLogRecord> logs;
        do
        {
            logs = app.Receiver.Logs;
            if (logs.Any(l => l.Service == job.WorkerId && l.Body.Contains(job.Id, StringComparison.Ordinal) && l.Body.Contains("completed", StringComparison.Ordinal)))
            {
                break;
            }
            await Task.Delay(100);
        }
        while (DateTimeOffset.UtcNow < deadline);

        var inTrace = logs.Where(l => l.TraceId == job.TraceId && l.Service != "controlplane").ToArray();
        foreach (var record in inTrace)
        {
            output.WriteLine($"{record.Service} {record.Category}: {record.Body} [{string.Join(", ", record.Attributes.Select(a => $"{a.Key}={a.Value}"))}]");
        }
        var outcome = Assert.Single(inTrace, l => l.Service == job.WorkerId && l.Body.Contains("completed", StringComparison.Ordinal));
        Assert.Equal(job.Id, outcome.Attributes.GetValueOrDefault("JobId"));
        // Every record the worker and the executor wrote in the job's trace names the job (the log scope), not only the outcome line.
        Assert.All(inTrace, l => Assert.Equal(job.Id, l.Attributes.GetValueOrDefault("JobId")));
        Assert.Empty(app.Receiver.Errors);
    }
}
