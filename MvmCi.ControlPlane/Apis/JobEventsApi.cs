using Microsoft.AspNetCore.Http.HttpResults;
using MvmCi.Jobs.Redis;
using MvmCi.Jobs.State;

namespace MvmCi.ControlPlane.Apis;

/// <summary><c>GET /api/jobs/{id}/events</c>: the job's history, as JSON or as a live server-sent event stream.</summary>
public static class JobEventsApi
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public static async Task<Results<Ok<JobEventList>, EmptyHttpResult, ProblemHttpResult>> GetEventsAsync(
        string id, HttpContext context, JobStore jobs, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out _) || await jobs.GetStatusAsync(id, cancellationToken) is null)
        {
            return Problems.JobNotFound(id);
        }

        if (!ServerSentEvents.IsAccepted(context.Request))
        {
            return TypedResults.Ok(new JobEventList(await jobs.GetEventsAsync(id, null, cancellationToken)));
        }

        // Resume where a reconnecting client left off.
        var last = ServerSentEvents.Start(context);
        while (!cancellationToken.IsCancellationRequested)
        {
            var events = await jobs.GetEventsAsync(id, last, cancellationToken);
            foreach (var item in events)
            {
                await ServerSentEvents.WriteAsync(context.Response, item.Id, item.Status, item, cancellationToken);
                last = item.Id;
            }
            await context.Response.Body.FlushAsync(cancellationToken);
            if (events.Count > 0 && JobStatus.IsTerminal(events[^1].Status))
            {
                break;
            }
            await Task.Delay(PollInterval, cancellationToken);
        }
        return TypedResults.Empty;
    }
}
