using Microsoft.AspNetCore.Http.HttpResults;
using MvmCi.Jobs.Redis;

namespace MvmCi.ControlPlane.Apis;

/// <summary>Queue statistics: <c>/api/queue</c>.</summary>
public static class QueueApi
{
    public static RouteGroupBuilder MapQueueApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/queue").WithTags("Queue");
        api.MapGet("/stats", StatsAsync)
            .WithName("QueueStats")
            .WithSummary("Count of jobs per status.");
        app.MapGet("/api/queues", ListAsync)
            .WithTags("Queue")
            .WithName("ListQueues")
            .WithSummary("Every queue stream (queue and priority level): entries waiting for a worker, in flight, and how long the oldest has waited.");
        app.MapGet("/api/deadletter", DeadLettersAsync)
            .WithTags("Queue")
            .WithName("DeadLetters")
            .WithSummary("Jobs that ended failed, newest first.");
        return api;
    }

    public static async Task<Ok<DeadLetterList>> DeadLettersAsync(JobStore jobs, CancellationToken cancellationToken, int limit = 100) =>
        TypedResults.Ok(new DeadLetterList(await jobs.GetDeadLettersAsync(Math.Clamp(limit, 1, 1000), cancellationToken)));

    public static async Task<Ok<QueueList>> ListAsync(QueueInspector inspector, CancellationToken cancellationToken) =>
        TypedResults.Ok(new QueueList(await inspector.InspectAsync(cancellationToken)));

    public static async Task<Ok<QueueStats>> StatsAsync(JobStore jobs, CancellationToken cancellationToken) =>
        TypedResults.Ok(await jobs.StatsAsync(cancellationToken));
}
