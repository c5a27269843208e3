using System.Diagnostics;
using OpenTelemetry;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Keeps Redis commands that belong to no traced request and no job out of the exported traces: heartbeats,
/// stream polling and the dashboard's refreshes would otherwise bury the job traces, and the health checks'
/// PINGs (their request spans are filtered out) would each show as a trace with a missing parent. A command
/// made while serving a traced request or running a job is kept, inside that trace.
/// </summary>
public sealed class UnparentedRedisCommandFilter : BaseProcessor<Activity>
{
    public const string RedisActivitySource = "OpenTelemetry.Instrumentation.StackExchangeRedis";

    public override void OnStart(Activity data)
    {
        if (data.Source.Name == RedisActivitySource && (data.ParentSpanId == default || !ParentRecorded(data)))
        {
            // Exporters skip what is not recorded.
            data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            data.IsAllDataRequested = false;
        }
    }

    private static bool ParentRecorded(Activity data) =>
        data.Parent is { } parent
            ? parent.Recorded
            : ActivityContext.TryParse(data.ParentId, null, out var context) && context.TraceFlags.HasFlag(ActivityTraceFlags.Recorded);
}
