using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.State;
using Xunit.Abstractions;
using static MvmCi.IntegrationTests.Tracing.JobSpans;

namespace MvmCi.IntegrationTests.Tracing;

/// <summary>
/// A job's journey as the services export it: one trace from the submit request to the guest's exit, and
/// one <c>job.run</c> span per attempt, each linked to the attempt before it.
/// </summary>
[Collection(TracingCollection.Name)]
public sealed class JobTraceTests(TracingAppFixture app, ITestOutputHelper output)
{
    /// <summary>How long spans may take to reach the receiver after the job's outcome is visible.</summary>
    private static readonly TimeSpan ExportTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task CompletedJobIsOneTraceFromTheSubmitRequestToTheGuestsExit()
    {
        var echo = await app.UploadAsync("echo");

        var job = await app.WaitForTerminalAsync((await app.SubmitAsync(new { module = echo.Digest, args = new[] { "traced" } })).Id);
        Assert.Equal(JobStatus.Completed, job.Status);
        var traceId = TraceIdOf(job);
        var spans = new SpanSet(await app.Receiver.WaitForAsync(s => HasWholeJourney(new SpanSet(s), job), ExportTimeout));
        output.WriteLine(spans.Dump(traceId));

        var submit = spans.One(traceId, IsSubmitRequest, "POST /api/jobs server span");
        var run = spans.One(traceId, s => IsRun(s, job.Id), "job.run span");
        var call = spans.One(traceId, s => IsExecutorCall(s) && spans.IsDescendant(s, run), "executor call under job.run");
        var serve = spans.One(traceId, s => IsExecutorRequest(s) && s.ParentSpanId == call.SpanId, "executor server span of that call");
        var execute = spans.One(traceId, s => IsWasmExecute(s, job.Id), "wasm.execute span");

        Assert.Equal("controlplane", submit.Service);
        Assert.Equal((job.WorkerId, SpanKind.Consumer, job.Id), (run.Service, run.Kind, run.Attribute("mvmci.job.id")));
        Assert.Equal(job.WorkerId, call.Service);
        Assert.Equal((job.ExecutorId, job.ExecutorId), (serve.Service, execute.Service));
        Assert.True(spans.IsDescendant(run, submit), "job.run does not descend from the submit request: " + spans.PathToRoot(run));
        Assert.True(spans.IsDescendant(execute, serve), "wasm.execute does not descend from the executor's request: " + spans.PathToRoot(execute));
        Assert.True(spans.IsDescendant(execute, run), "wasm.execute does not descend from job.run: " + spans.PathToRoot(execute));
        Assert.Empty(app.Receiver.Errors);
    }

    [Fact]
    public async Task AutomaticRetryIsASecondRunSpanInTheTraceLinkedToTheFirst()
    {
        var exit3 = await app.UploadAsync("exit3");

        var job = await app.WaitForTerminalAsync((await app.SubmitAsync(new
        {
            module = exit3.Digest,
            retry = new { maxAttempts = 2, initialIntervalSeconds = 0.2, retryOnExitCode = true },
        })).Id);
        Assert.Equal((JobStatus.Failed, 2), (job.Status, job.Attempt));
        var traceId = TraceIdOf(job);
        var spans = new SpanSet(await app.Receiver.WaitForAsync(
            s => s.Any(x => IsRun(x, job.Id, 1)) && s.Any(x => IsRun(x, job.Id, 2)) && s.Any(IsSubmitRequest), ExportTimeout));
        output.WriteLine(spans.Dump(traceId));

        var submit = spans.One(traceId, IsSubmitRequest, "POST /api/jobs server span");
        var first = spans.One(traceId, s => IsRun(s, job.Id, 1), "job.run span of attempt 1");
        var second = spans.One(traceId, s => IsRun(s, job.Id, 2), "job.run span of attempt 2");

        Assert.NotEqual(first.SpanId, second.SpanId);
        Assert.True(spans.IsDescendant(first, submit), "attempt 1 does not descend from the submit request: " + spans.PathToRoot(first));
        Assert.True(spans.IsDescendant(second, submit), "attempt 2 does not descend from the submit request: " + spans.PathToRoot(second));
        Assert.Empty(first.Links);
        Assert.Equal(new[] { new SpanLink(traceId, first.SpanId) }, second.Links);
    }

    [Fact]
    public async Task RetryOnDemandRunsInTheOriginalTraceLinkedToThePreviousRunAndTheRetryRequest()
    {
        var exit3 = await app.UploadAsync("exit3");
        var failed = await app.WaitForTerminalAsync((await app.SubmitAsync(new { module = exit3.Digest })).Id);
        Assert.Equal((JobStatus.Failed, 1), (failed.Status, failed.Attempt));

        await app.RetryAsync(failed.Id);
        var job = await app.WaitForTerminalAsync(failed.Id);
        Assert.Equal((JobStatus.Failed, 2), (job.Status, job.Attempt));
        var traceId = TraceIdOf(job);
        Assert.Equal(failed.TraceId, traceId);
        var spans = new SpanSet(await app.Receiver.WaitForAsync(
            s => s.Any(x => IsRun(x, job.Id, 1)) && s.Any(x => IsRun(x, job.Id, 2)) && s.Any(x => IsRetryRequest(x, job.Id)),
            ExportTimeout));
        output.WriteLine(spans.Dump(traceId));

        var retryRequest = Assert.Single(spans.All, s => IsRetryRequest(s, job.Id));
        var submit = spans.One(traceId, IsSubmitRequest, "POST /api/jobs server span");
        var first = spans.One(traceId, s => IsRun(s, job.Id, 1), "job.run span of attempt 1");
        var second = spans.One(traceId, s => IsRun(s, job.Id, 2), "job.run span of attempt 2 (in the job's original trace)");

        Assert.True(spans.IsDescendant(second, submit), "attempt 2 does not descend from the submit request: " + spans.PathToRoot(second));
        Assert.Equal(
            new[] { new SpanLink(traceId, first.SpanId), new SpanLink(retryRequest.TraceId, retryRequest.SpanId) }.OrderBy(l => l.SpanId, StringComparer.Ordinal),
            second.Links.OrderBy(l => l.SpanId, StringComparer.Ordinal));
    }

    private static string TraceIdOf(JobRecord job) =>
        job.TraceId is { Length: 32 } traceId ? traceId : throw new Xunit.Sdk.XunitException($"Job {job.Id} has no trace id ('{job.TraceId}').");

    private static bool HasWholeJourney(SpanSet spans, JobRecord job)
    {
        var trace = spans.InTrace(job.TraceId ?? "").ToArray();
        return trace.Any(IsSubmitRequest) && trace.Any(s => IsRun(s, job.Id)) && trace.Any(IsExecutorCall)
            && trace.Any(IsExecutorRequest) && trace.Any(s => IsWasmExecute(s, job.Id));
    }
}
