using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
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
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const int PageSize = 1000;

    public static async Task<Results<Ok<LogList>, EmptyHttpResult, ProblemHttpResult>> GetLogsAsync(
        string id, HttpContext context, JobStore jobs, CancellationToken cancellationToken, bool follow = false, string? after = null)
    {
        var job = Guid.TryParse(id, out _) ? await jobs.GetAsync(id, cancellationToken) : null;
        if (job is null)
        {
            return Problems.Of(StatusCodes.Status404NotFound, "Job not found", $"No job has the id '{id}'.");
        }

        if (!follow)
        {
            var items = await jobs.GetLogsAsync(id, after, PageSize, cancellationToken);
            return TypedResults.Ok(new LogList(items, items.Count == PageSize ? items[^1].Id : null));
        }

        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        var last = after ?? context.Request.Headers["Last-Event-ID"].FirstOrDefault();
        while (!cancellationToken.IsCancellationRequested)
        {
            // Read the status before the pieces: once it is terminal, every piece is already written.
            var finished = JobStatus.IsTerminal((await jobs.GetAsync(id, cancellationToken))?.Status ?? JobStatus.Completed);
            IReadOnlyList<LogEntry> items;
            do
            {
                items = await jobs.GetLogsAsync(id, last, PageSize, cancellationToken);
                foreach (var item in items)
                {
                    await context.Response.WriteAsync($"id: {item.Id}\nevent: {item.Stream}\ndata: {JsonSerializer.Serialize(item, Json)}\n\n", cancellationToken);
                    last = item.Id;
                }
            }
            while (items.Count == PageSize);
            await context.Response.Body.FlushAsync(cancellationToken);
            if (finished)
            {
                await context.Response.WriteAsync("event: end\ndata: {}\n\n", cancellationToken);
                break;
            }
            await Task.Delay(PollInterval, cancellationToken);
        }
        return TypedResults.Empty;
    }
}
