using Microsoft.AspNetCore.Http.HttpResults;
using MvmCi.ControlPlane.Monitoring;

namespace MvmCi.ControlPlane.Apis;

/// <summary><c>GET /api/overview</c>: the cluster at a glance, as JSON or live.</summary>
public static class OverviewApi
{
    public static IEndpointRouteBuilder MapOverviewApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/overview", GetAsync)
            .WithTags("Cluster")
            .WithName("GetOverview")
            .WithSummary("Redis health, workers and executors up or down, job counts, per-queue depth and lag, and throughput and failure rate over the last 15 minutes. With Accept: text/event-stream, an 'overview' event each time it changes.");
        return app;
    }

    public static async Task<Results<Ok<Overview>, EmptyHttpResult>> GetAsync(
        HttpContext context, OverviewReader reader, CancellationToken cancellationToken)
    {
        if (!ServerSentEvents.IsAccepted(context.Request))
        {
            return TypedResults.Ok(await reader.ReadAsync(cancellationToken));
        }
        // The time of reading, and Redis's latency and memory, which move on every read, are not a change.
        await ServerSentEvents.WatchAsync(context, "overview", reader.ReadAsync!, isFinal: null,
            changeKey: o => o with { At = default, Redis = o.Redis with { LatencyMs = null, UsedMemoryBytes = null } }, cancellationToken);
        return TypedResults.Empty;
    }
}
