using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace MvmCi.IntegrationTests;

/// <summary>A server-sent event stream opened on the control plane, read one event at a time.</summary>
public sealed class EventStream : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private EventStream(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public static async Task<EventStream> OpenAsync(HttpClient api, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var response = await api.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new EventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8));
    }

    /// <summary>The next event (comments skipped); null when the server closed the stream.</summary>
    public async Task<(string Name, JsonElement Data)?> NextAsync(CancellationToken cancellationToken)
    {
        string? name = null;
        var data = new StringBuilder();
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (name is not null || data.Length > 0)
                {
                    return (name ?? "message", JsonSerializer.Deserialize<JsonElement>(data.ToString(), Json));
                }
                continue;
            }
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Append(line[6..]);
            }
        }
        return null;
    }

    /// <summary>Reads events until one named <paramref name="name"/> satisfies <paramref name="match"/>.</summary>
    public async Task<JsonElement> WaitForAsync(string name, Func<JsonElement, bool> match, CancellationToken cancellationToken)
    {
        while (await NextAsync(cancellationToken) is { } next)
        {
            if (next.Name == name && match(next.Data))
            {
                return next.Data;
            }
        }
        throw new InvalidOperationException($"The stream ended before a matching '{name}' event.");
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
