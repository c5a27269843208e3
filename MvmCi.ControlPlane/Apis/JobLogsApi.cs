using Microsoft.AspNetCore.Http.HttpResults;
using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.Redis;
using MvmCi.Jobs.State;

namespace MvmCi.ControlPlane.Apis;

/// <summary>
/// <c>GET /api/jobs/{id}/logs</c>: the output pieces written so far; with <c>?follow=true</c> a
/// server-sent event stream that delivers new pieces as they arrive (polled every 100 ms) until the job ends.
/// </summary>
public static class JobLogsApi
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private const int PageSize = 1000;

    public static async Task<Results<Ok<LogList>, EmptyHttpResult, ProblemHttpResult>> GetLogsAsync(
        string id, HttpContext context, JobStore jobs, CancellationToken cancellationToken, bool follow = false, string? after = null)
    {
        if (!Guid.TryParse(id, out _) || await jobs.GetStatusAsync(id, cancellationToken) is null)
        {
            return Problems.JobNotFound(id);
        }

        if (!follow)
        {
            var items = await jobs.GetLogsAsync(id, after, PageSize, cancellationToken);
            return TypedResults.Ok(new LogList(items, items.Count == PageSize ? items[^1].Id : null));
        }

        var lastEventId = ServerSentEvents.Start(context);
        var last = after ?? lastEventId;
        while (!cancellationToken.IsCancellationRequested)
        {
            // Read the status before the pieces: once it is terminal, every piece is already written.
            // Only the status is read on each poll, not the whole job with its stored output.
            var finished = JobStatus.IsTerminal(await jobs.GetStatusAsync(id, cancellationToken) ?? JobStatus.Completed);
            IReadOnlyList<LogEntry> items;
            do
            {
                items = await jobs.GetLogsAsync(id, last, PageSize, cancellationToken);
                foreach (var item in items)
                {
                    await ServerSentEvents.WriteAsync(context.Response, item.Id, item.Stream, item, cancellationToken);
                    last = item.Id;
                }
            }
            while (items.Count == PageSize);
            await context.Response.Body.FlushAsync(cancellationToken);
            if (finished)
            {
                await ServerSentEvents.WriteAsync(context.Response, id: null, "end", new { }, cancellationToken);
                break;
            }
            await Task.Delay(PollInterval, cancellationToken);
        }
        return TypedResults.Empty;
    }
}
