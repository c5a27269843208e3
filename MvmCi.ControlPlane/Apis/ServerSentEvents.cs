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

    public static Task WriteAsync<T>(HttpResponse response, string? id, string eventName, T data, CancellationToken cancellationToken)
    {
        var idLine = id is null ? "" : $"id: {id}\n";
        return response.WriteAsync($"{idLine}event: {eventName}\ndata: {JsonSerializer.Serialize(data, Json)}\n\n", cancellationToken);
    }
}
