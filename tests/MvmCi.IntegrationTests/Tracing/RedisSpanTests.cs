using System.Globalization;
using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.State;
using Xunit.Abstractions;
using static MvmCi.IntegrationTests.Tracing.JobSpans;

namespace MvmCi.IntegrationTests.Tracing;

/// <summary>
/// Redis commands in the exported traces: those made for a request or a job are kept inside its trace;
/// the idle work (stream polling, heartbeats, probes) is not exported.
/// </summary>
/// <remarks>
/// The Redis instrumentation records commands and turns them into spans on a timer (its FlushInterval,
/// 10 s by default): commands with no parent first, then those whose parent span has ended.
/// </remarks>
[Collection(TracingCollection.Name)]
public sealed class RedisSpanTests(TracingAppFixture app, ITestOutputHelper output)
{
    private static readonly TimeSpan RedisFlushInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ExportTimeout = RedisFlushInterval * 3;

    [Fact]
    public async Task IdlePollingAndHeartbeatsAreNotExportedAsRootSpans()
    {
        var pollsBefore = await CallsAsync("xreadgroup");
        var heartbeatsBefore = await CallsAsync("sadd");
        // Idle for longer than a flush interval, so every service turns idle commands into spans at least once.
        await Task.Delay(RedisFlushInterval + TimeSpan.FromSeconds(2));
        var polls = await CallsAsync("xreadgroup") - pollsBefore;
        var heartbeats = await CallsAsync("sadd") - heartbeatsBefore;
        // A job after the idle time: its Redis spans come with a flush that also drained the idle commands before it.
        var job = await RunEchoAsync();
        var traceId = job.TraceId!;
        var spans = new SpanSet(await app.Receiver.WaitForAsync(s => HasRedisUnderSubmitAndRun(new SpanSet(s), job), ExportTimeout));
        output.WriteLine($"{polls} XREADGROUP and {heartbeats} SADD while idle; {spans.All.Count(IsRedisCommand)} Redis spans received");

        Assert.True(polls > 0, "The workers did not poll their streams while idle: this test would prove nothing.");
        Assert.True(heartbeats > 0, "No heartbeat reached Redis while idle: this test would prove nothing.");
        var roots = spans.All.Where(s => IsRedisCommand(s) && s.ParentSpanId is null).ToArray();
        Assert.True(roots.Length == 0, $"{roots.Length} Redis commands were exported as root spans: {Summary(roots)}");
        var submit = spans.One(traceId, IsSubmitRequest, "POST /api/jobs server span");
        var run = spans.One(traceId, s => IsRun(s, job.Id), "job.run span");
        Assert.Contains(spans.InTrace(traceId), s => IsRedisCommand(s) && s.ParentSpanId == run.SpanId);
        Assert.Contains(spans.InTrace(traceId), s => IsRedisCommand(s) && s.Service == "controlplane" && spans.IsDescendant(s, submit));
    }

    [Fact]
    public async Task RedisCommandsOfUntracedHealthProbesAreNotExported()
    {
        // /health is kept out of the traces, but its Redis check runs inside the (unrecorded) request span.
        using (var health = await app.Api.GetAsync(new Uri("/health", UriKind.Relative)))
        {
            health.EnsureSuccessStatusCode();
        }
        // The control plane's Redis spans of a later job come with a flush that drained those of the probe.
        var job = await RunEchoAsync();
        var received = await app.Receiver.WaitForAsync(s => HasRedisUnderSubmitAndRun(new SpanSet(s), job), ExportTimeout);
        // Parents end before their Redis children are drained: give a parent still in its batch time to arrive.
        var later = new SpanSet(await app.Receiver.WaitForAsync(s =>
        {
            var now = new SpanSet(s);
            return received.Where(IsRedisCommand).All(r => r.ParentSpanId is null || now.Parent(r) is not null);
        }, TimeSpan.FromMilliseconds(TracingAppFixture.ExportDelayMs * 10)));

        var orphans = received.Where(s => IsRedisCommand(s) && s.ParentSpanId is not null && later.Parent(s) is null).ToArray();
        Assert.True(orphans.Length == 0,
            $"{orphans.Length} Redis spans were exported under a parent that never was (each shows as a trace of its own): {Summary(orphans)}");
    }

    private async Task<JobRecord> RunEchoAsync()
    {
        var echo = await app.UploadAsync("echo");
        var job = await app.WaitForTerminalAsync((await app.SubmitAsync(new { module = echo.Digest, args = new[] { "marker" } })).Id);
        Assert.Equal(JobStatus.Completed, job.Status);
        Assert.NotNull(job.TraceId);
        return job;
    }

    /// <summary>Redis spans of the job have arrived from the control plane (under the submit) and from the worker (under job.run).</summary>
    private static bool HasRedisUnderSubmitAndRun(SpanSet spans, JobRecord job)
    {
        var trace = spans.InTrace(job.TraceId!).ToArray();
        var submit = trace.FirstOrDefault(IsSubmitRequest);
        var run = trace.FirstOrDefault(s => IsRun(s, job.Id));
        return submit is not null && run is not null
            && trace.Any(s => IsRedisCommand(s) && s.ParentSpanId == run.SpanId)
            && trace.Any(s => IsRedisCommand(s) && s.Service == "controlplane" && spans.IsDescendant(s, submit));
    }

    /// <summary>How many times Redis has run a command (INFO commandstats), e.g. "xreadgroup".</summary>
    private async Task<long> CallsAsync(string command)
    {
        var stats = (await app.RedisServer.InfoAsync("commandstats")).SelectMany(g => g);
        var line = stats.FirstOrDefault(p => p.Key == "cmdstat_" + command).Value ?? "";
        var calls = line.Split(',').FirstOrDefault(f => f.StartsWith("calls=", StringComparison.Ordinal))?["calls=".Length..];
        return long.TryParse(calls, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }

    private static string Summary(IEnumerable<ReceivedSpan> spans) =>
        string.Join(", ", spans.GroupBy(s => $"{s.Service} {s.Name}").OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Count()}× {g.Key}"))
        + string.Concat(spans.Take(3).Select(s => Environment.NewLine + "  e.g. " + s));
}
