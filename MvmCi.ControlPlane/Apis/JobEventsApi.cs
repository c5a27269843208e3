using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using MvmCi.Jobs.Redis;
using MvmCi.Jobs.State;

namespace MvmCi.ControlPlane.Apis;

/// <summary><c>GET /api/jobs/{id}/events</c>: the job's history, as JSON or as a live server-sent event stream.</summary>
public static class JobEventsApi
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<Results<Ok<JobEventList>, EmptyHttpResult, ProblemHttpResult>> GetEventsAsync(
        string id, HttpContext context, JobStore jobs, CancellationToken cancellationToken)
    {
        var job = Guid.TryParse(id, out _) ? await jobs.GetAsync(id, cancellationToken) : null;
        if (job is null)
        {
            return Problems.Of(StatusCodes.Status404NotFound, "Job not found", $"No job has the id '{id}'.");
        }

        var accept = context.Request.Headers.Accept.ToString();
        if (!accept.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Ok(new JobEventList(await jobs.GetEventsAsync(id, null, cancellationToken)));
        }

        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        // Resume where a reconnecting client left off.
        string? last = context.Request.Headers["Last-Event-ID"].FirstOrDefault();
        while (!cancellationToken.IsCancellationRequested)
        {
            var events = await jobs.GetEventsAsync(id, last, cancellationToken);
            foreach (var item in events)
            {
                await context.Response.WriteAsync($"id: {item.Id}\nevent: {item.Status}\ndata: {JsonSerializer.Serialize(item, Json)}\n\n", cancellationToken);
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
