using System.Diagnostics;
using OpenTelemetry;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Keeps Redis commands that belong to no request and no job out of the exported traces: heartbeats,
/// stream polling and the dashboard's refreshes would otherwise bury the job traces. A command made while
/// serving a request or running a job has a parent and is kept, inside that trace.
/// </summary>
public sealed class UnparentedRedisCommandFilter : BaseProcessor<Activity>
{
    public const string RedisActivitySource = "OpenTelemetry.Instrumentation.StackExchangeRedis";

    public override void OnStart(Activity data)
    {
        if (data.Source.Name == RedisActivitySource && data.ParentSpanId == default)
        {
            // Exporters skip what is not recorded.
            data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            data.IsAllDataRequested = false;
        }
    }
}
