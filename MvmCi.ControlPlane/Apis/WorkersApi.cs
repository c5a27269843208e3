using Microsoft.AspNetCore.Http.HttpResults;
using MvmCi.ControlPlane.Security;
using MvmCi.Jobs.Redis;

namespace MvmCi.ControlPlane.Apis;

/// <summary>The worker registry: <c>/api/workers</c>.</summary>
public static class WorkersApi
{
    public static RouteGroupBuilder MapWorkersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/workers").WithTags("Workers");
        api.MapGet("/", ListAsync)
            .WithName("ListWorkers")
            .WithSummary("Workers with their queues, slots, running jobs, outcome counts, last heartbeat and state (online, draining, offline). With Accept: text/event-stream, a 'workers' event each time it changes.");
        api.MapPost("/{id}/drain", DrainAsync)
            .RequireAuthorization(AccessPolicies.Admin)
            .WithName("DrainWorker")
            .WithSummary("Ask a worker to stop claiming and finish the jobs it runs.");
        return api;
    }

    public static async Task<Results<Ok<WorkerList>, EmptyHttpResult>> ListAsync(
        HttpContext context, WorkerRegistry registry, CancellationToken cancellationToken)
    {
        if (!ServerSentEvents.IsAccepted(context.Request))
        {
            return TypedResults.Ok(new WorkerList(await registry.ListAsync(cancellationToken)));
        }
        await ServerSentEvents.WatchAsync(context, "workers",
            async token => new WorkerList(await registry.ListAsync(token)), isFinal: null, changeKey: null, cancellationToken);
        return TypedResults.Empty;
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> DrainAsync(
        string id, WorkerRegistry registry, CancellationToken cancellationToken) =>
        await registry.RequestDrainAsync(id, cancellationToken)
            ? TypedResults.Accepted("/api/workers")
            : Problems.Of(StatusCodes.Status404NotFound, "Worker not found", $"No worker '{id}' has registered.");
}
