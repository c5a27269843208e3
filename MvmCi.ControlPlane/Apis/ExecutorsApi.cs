using Microsoft.AspNetCore.Http.HttpResults;
using MvmCi.Jobs.Redis;

namespace MvmCi.ControlPlane.Apis;

/// <summary>The executor registry: <c>/api/executors</c>.</summary>
public static class ExecutorsApi
{
    public static IEndpointRouteBuilder MapExecutorsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/executors", ListAsync)
            .WithTags("Workers")
            .WithName("ListExecutors")
            .WithSummary("Executors (Flawless services and executors embedded in workers) with their slots, running guests, outcome counts, last heartbeat and state. With Accept: text/event-stream, an 'executors' event each time it changes.");
        return app;
    }

    public static async Task<Results<Ok<ExecutorList>, EmptyHttpResult>> ListAsync(
        HttpContext context, ExecutorRegistry registry, CancellationToken cancellationToken)
    {
        if (!ServerSentEvents.IsAccepted(context.Request))
        {
            return TypedResults.Ok(new ExecutorList(await registry.ListAsync(cancellationToken)));
        }
        await ServerSentEvents.WatchAsync(context, "executors",
            async token => new ExecutorList(await registry.ListAsync(token)), isFinal: null, changeKey: null, cancellationToken);
        return TypedResults.Empty;
    }
}
