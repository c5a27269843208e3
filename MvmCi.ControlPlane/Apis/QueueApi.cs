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

    /// <summary>The most dead letters one request returns.</summary>
    public const int MaxDeadLetters = 1000;

    public static async Task<Results<Ok<DeadLetterList>, ProblemHttpResult>> DeadLettersAsync(
        JobStore jobs, CancellationToken cancellationToken, int limit = 100) =>
        limit is < 1 or > MaxDeadLetters
            ? Problems.Of(StatusCodes.Status400BadRequest, "Invalid limit", $"'limit' must be from 1 to {MaxDeadLetters}; got {limit}.")
            : TypedResults.Ok(new DeadLetterList(await jobs.GetDeadLettersAsync(limit, cancellationToken)));

    public static async Task<Ok<QueueList>> ListAsync(QueueInspector inspector, CancellationToken cancellationToken) =>
        TypedResults.Ok(new QueueList(await inspector.InspectAsync(cancellationToken)));

    public static async Task<Ok<QueueStats>> StatsAsync(JobStore jobs, CancellationToken cancellationToken) =>
        TypedResults.Ok(await jobs.StatsAsync(cancellationToken));
}
