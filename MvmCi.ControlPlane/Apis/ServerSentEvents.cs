using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace MvmCi.ControlPlane.Apis;

/// <summary>Writing a <c>text/event-stream</c> answer: the headers, one event at a time, and where a reconnecting client resumes.</summary>
public static class ServerSentEvents
{
    public const string ContentType = "text/event-stream";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static bool IsAccepted(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains(ContentType, StringComparison.OrdinalIgnoreCase);

    /// <summary>Sets the stream's headers; returns the id a reconnecting client last saw (<c>Last-Event-ID</c>), if any.</summary>
    public static string? Start(HttpContext context)
    {
        context.Response.Headers.ContentType = ContentType;
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        return context.Request.Headers["Last-Event-ID"].FirstOrDefault();
    }

    /// <summary>How often a watched document is read again.</summary>
    public static readonly TimeSpan WatchInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long a watch stays silent before it sends a comment that keeps proxies from closing it.</summary>
    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Streams a document live: reads it every <see cref="WatchInterval"/> and sends it as one
    /// <paramref name="eventName"/> event whenever it changed (what <paramref name="changeKey"/> returns differs;
    /// by default the whole document), starting with the current one. Ends with an <c>end</c> event once
    /// <paramref name="isFinal"/> holds, or when <paramref name="read"/> returns null (the thing is gone).
    /// </summary>
    /// <param name="changed">
    /// Completes early when the document may have changed (e.g. the job finished): the next read happens then
    /// instead of after the rest of the interval. Null: read every interval.
    /// </param>
    public static async Task WatchAsync<T>(
        HttpContext context, string eventName, Func<CancellationToken, Task<T?>> read, Func<T, bool>? isFinal,
        Func<T, object>? changeKey, CancellationToken cancellationToken, Task? changed = null) where T : class
    {
        Start(context);
        await context.Response.StartAsync(cancellationToken);
        string? last = null;
        var quietSince = DateTimeOffset.UtcNow;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var document = await read(cancellationToken);
                if (document is null)
                {
                    await WriteAsync(context.Response, null, "end", new { reason = "gone" }, cancellationToken);
                    break;
                }
                // Without a change key the document's own JSON is the key, and is what is sent: serialized once.
                var key = JsonSerializer.Serialize(changeKey is null ? document : changeKey(document), Json);
                if (key != last)
                {
                    last = key;
                    var json = changeKey is null ? key : JsonSerializer.Serialize(document, Json);
                    await context.Response.WriteAsync($"event: {eventName}\ndata: {json}\n\n", cancellationToken);
                    quietSince = DateTimeOffset.UtcNow;
                    if (isFinal?.Invoke(document) == true)
                    {
                        await WriteAsync(context.Response, null, "end", new { reason = "final" }, cancellationToken);
                        break;
                    }
                }
                else if (DateTimeOffset.UtcNow - quietSince >= KeepAliveInterval)
                {
                    await context.Response.WriteAsync(": keepalive\n\n", cancellationToken);
                    quietSince = DateTimeOffset.UtcNow;
                }
                await context.Response.Body.FlushAsync(cancellationToken);
                var interval = Task.Delay(WatchInterval, cancellationToken);
                if (changed is null || await Task.WhenAny(interval, changed) == interval)
                {
                    await interval;
                }
                else
                {
                    changed = null;
                }
            }
            await context.Response.Body.FlushAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    public static Task WriteAsync<T>(HttpResponse response, string? id, string eventName, T data, CancellationToken cancellationToken)
    {
        var idLine = id is null ? "" : $"id: {id}\n";
        return response.WriteAsync($"{idLine}event: {eventName}\ndata: {JsonSerializer.Serialize(data, Json)}\n\n", cancellationToken);
    }
}
