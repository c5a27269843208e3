using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.Redis;

namespace MvmCi.Cli.Client;

/// <summary>
/// The control plane's HTTP API as the CLI uses it. Failures surface as <see cref="MvmCiApiException"/>
/// (the server said no: see <see cref="ApiErrors"/>) or <see cref="ServerUnreachableException"/> (no answer).
/// </summary>
public sealed class MvmCiClient : IDisposable
{
    /// <summary>How long one ordinary request may take; streams (logs) have no limit.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;

    /// <param name="server">The control plane's base address, e.g. <c>http://localhost:3020</c>.</param>
    /// <param name="apiKey">Sent as <c>Authorization: Bearer</c> on every request, the logs stream included; none when null.</param>
    public MvmCiClient(Uri server, string? apiKey = null)
    {
        Server = server.OriginalString.TrimEnd('/');
        var baseAddress = server.AbsoluteUri.EndsWith('/') ? server : new Uri(server.AbsoluteUri + "/");
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        if (apiKey is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
    }

    /// <summary>The server as the user wrote it, for messages.</summary>
    public string Server { get; }

    public async Task<PushResult> PushModuleAsync(Stream wasm, string? name, string? version, CancellationToken cancellationToken)
    {
        var query = name is null ? "" : $"?name={Uri.EscapeDataString(name)}&version={Uri.EscapeDataString(version ?? "")}";
        using var content = new StreamContent(wasm);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/wasm");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/modules" + query) { Content = content };
        var (module, status) = await SendAsync<ModuleRecord>(request, cancellationToken);
        return new PushResult(module, status == HttpStatusCode.Created);
    }

    public async Task<JobRecord> SubmitJobAsync(JobRequest job, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/jobs") { Content = JsonContent.Create(job, options: Json) };
        return (await SendAsync<JobRecord>(request, cancellationToken)).Value;
    }

    public async Task<JobRecord> GetJobAsync(string id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/jobs/{Uri.EscapeDataString(id)}");
        return (await SendAsync<JobRecord>(request, cancellationToken)).Value;
    }

    public async Task<JobPage> ListJobsAsync(string? status, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var query = new List<string>();
        if (status is not null)
        {
            query.Add($"status={Uri.EscapeDataString(status)}");
        }
        if (limit is not null)
        {
            query.Add($"limit={limit}");
        }
        if (cursor is not null)
        {
            query.Add($"cursor={Uri.EscapeDataString(cursor)}");
        }
        var path = query.Count == 0 ? "api/jobs" : "api/jobs?" + string.Join('&', query);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return (await SendAsync<JobPage>(request, cancellationToken)).Value;
    }

    public async Task<CancelResult> CancelJobAsync(string id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/jobs/{Uri.EscapeDataString(id)}/cancel");
        var (job, status) = await SendAsync<JobRecord>(request, cancellationToken);
        return new CancelResult(job, status == HttpStatusCode.OK);
    }

    public async Task<JobRecord> RetryJobAsync(string id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/jobs/{Uri.EscapeDataString(id)}/retry");
        return (await SendAsync<JobRecord>(request, cancellationToken)).Value;
    }

    public async Task<IReadOnlyList<WorkerRecord>> ListWorkersAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/workers");
        return (await SendAsync<WorkerPage>(request, cancellationToken)).Value.Items;
    }

    public async Task<QueueStats> GetStatsAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/queue/stats");
        return (await SendAsync<QueueStats>(request, cancellationToken)).Value;
    }

    public async Task<KeyIdentity> WhoAmIAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/whoami");
        return (await SendAsync<KeyIdentity>(request, cancellationToken)).Value;
    }

    public async Task<CreatedKey> CreateKeyAsync(KeyRequest key, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/keys") { Content = JsonContent.Create(key, options: Json) };
        return (await SendAsync<CreatedKey>(request, cancellationToken)).Value;
    }

    public async Task<KeyList> ListKeysAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/keys");
        return (await SendAsync<KeyList>(request, cancellationToken)).Value;
    }

    public async Task RevokeKeyAsync(string id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"api/keys/{Uri.EscapeDataString(id)}");
        await SendAsync(request, cancellationToken);
    }

    public async Task<SecretRecord> SetSecretAsync(string name, string value, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/secrets/{Uri.EscapeDataString(name)}")
        {
            Content = JsonContent.Create(new SecretRequest(value), options: Json),
        };
        return (await SendAsync<SecretRecord>(request, cancellationToken)).Value;
    }

    public async Task<SecretList> ListSecretsAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/secrets");
        return (await SendAsync<SecretList>(request, cancellationToken)).Value;
    }

    public async Task DeleteSecretAsync(string name, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"api/secrets/{Uri.EscapeDataString(name)}");
        await SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// The job's output as it is written (<c>GET /api/jobs/{id}/logs?follow=true</c>), from the beginning,
    /// until the server's <c>end</c> event.
    /// </summary>
    public async IAsyncEnumerable<LogEntry> FollowLogsAsync(string id, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/jobs/{Uri.EscapeDataString(id)}/logs?follow=true");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await SendRawAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        await using var stream = await ReadStreamAsync(response, cancellationToken);
        await foreach (var sse in ServerSentEventReader.ReadAsync(stream, cancellationToken))
        {
            if (sse.Event == "end")
            {
                yield break;
            }
            var entry = JsonSerializer.Deserialize<LogEntry>(sse.Data, Json)
                ?? throw new MvmCiApiException(0, $"the server sent an empty '{sse.Event}' event");
            yield return entry;
        }
        throw new ServerUnreachableException($"lost the connection to {Server} while following job {id}");
    }

    public void Dispose() => _http.Dispose();

    private Task<(T Value, HttpStatusCode Status)> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken) =>
        ExchangeAsync(request, async (response, token) =>
        {
            var value = await response.Content.ReadFromJsonAsync<T>(Json, token);
            return (value ?? throw new MvmCiApiException((int)response.StatusCode, "the server sent an empty answer"), response.StatusCode);
        }, cancellationToken);

    /// <summary>A request whose success has no body to read (204).</summary>
    private async Task SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        await ExchangeAsync(request, (response, _) => Task.FromResult(response.StatusCode), cancellationToken);

    private async Task<TResult> ExchangeAsync<TResult>(HttpRequestMessage request, Func<HttpResponseMessage, CancellationToken, Task<TResult>> read,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            using var response = await SendRawAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            await EnsureSuccessAsync(response, timeout.Token);
            return await read(response, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ServerUnreachableException($"cannot reach {Server}: no answer within {RequestTimeout.TotalSeconds:0} s");
        }
        catch (JsonException ex)
        {
            throw new MvmCiApiException(0, $"the server's answer is not what mvmci expects: {ex.Message}");
        }
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, completion, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw Unreachable(ex);
        }
    }

    private async Task<Stream> ReadStreamAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadAsStreamAsync(cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw Unreachable(ex);
        }
    }

    private ServerUnreachableException Unreachable(HttpRequestException ex)
    {
        var reason = ex.InnerException is SocketException socket
            ? socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused",
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host not found",
                SocketError.TimedOut => "timed out",
                SocketError.NetworkUnreachable or SocketError.HostUnreachable => "network unreachable",
                SocketError.ConnectionReset => "connection reset",
                _ => socket.Message,
            }
            : ex.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => "host not found",
                HttpRequestError.ConnectionError => "connection failed",
                HttpRequestError.SecureConnectionError => "TLS handshake failed",
                HttpRequestError.ResponseEnded => "the connection closed before an answer",
                _ => ex.Message,
            };
        return new ServerUnreachableException($"cannot reach {Server}: {reason}", ex);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await ApiErrors.FromResponseAsync(response, cancellationToken);
        }
    }
}
