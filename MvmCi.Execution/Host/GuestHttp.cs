using System.Net;
using System.Text;
using MvmCi.Execution.Runtime;
using MvmCi.Jobs.State;

namespace MvmCi.Execution.Host;

/// <summary>
/// Sends the HTTP requests guests make through <c>mvmci.http_request</c>: only to allowed hosts, with a
/// timeout, and with the response body capped. Calls are synchronous: they run on the guest's thread.
/// </summary>
public sealed class GuestHttp : IDisposable
{
    public const int Interrupted = -1;
    public const int Denied = -2;
    public const int Failed = -3;
    public const int Invalid = -4;

    private readonly HttpClient _client;
    private readonly ExecutionOptions _options;
    private readonly string[] _allowedHosts;

    public GuestHttp(WasmRuntime runtime)
    {
        _options = runtime.Options;
        _allowedHosts = _options.HttpAllowedHosts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        _client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 5,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>
    /// Whether a request to <paramref name="uri"/> is allowed: <c>*</c>, its host, or its <c>host:port</c> in the
    /// executor's allow-list (<c>Execution:HttpAllowedHosts</c>, empty by default) or in the job's own.
    /// </summary>
    public bool IsAllowed(Uri uri, IReadOnlyList<string> jobAllowedHosts) =>
        _allowedHosts.Any(allowed => allowed == "*" || Matches(allowed, uri)) || jobAllowedHosts.Any(allowed => Matches(allowed, uri));

    private static bool Matches(string allowed, Uri uri) =>
        string.Equals(allowed, uri.Host, StringComparison.OrdinalIgnoreCase)
        || string.Equals(allowed, uri.Authority, StringComparison.OrdinalIgnoreCase);

    /// <param name="jobAllowedHosts">The job's own allow-list (its <c>httpAllowedHosts</c>).</param>
    public GuestHttpResponse Send(
        string method, string url, string headers, byte[] body, IReadOnlyList<string> jobAllowedHosts, TimeSpan timeLeft,
        CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return Error(Invalid, $"'{url}' is not an absolute http or https URL.");
        }
        if (method.Length == 0 || !method.All(c => char.IsAsciiLetterUpper(c)))
        {
            return Error(Invalid, $"'{method}' is not an HTTP method (upper-case letters, e.g. GET).");
        }
        if (!IsAllowed(uri, jobAllowedHosts))
        {
            return Error(Denied,
                $"Requests to {uri.Authority} are not allowed: outbound HTTP is denied unless the job's httpAllowedHosts or the executor's Execution:HttpAllowedHosts lists the host.");
        }

        using var request = new HttpRequestMessage(new HttpMethod(method), uri);
        if (body.Length > 0 || method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new ByteArrayContent(body);
        }
        foreach (var line in headers.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return Error(Invalid, $"Header line '{line}' is not 'Name: value'.");
            }
            var (name, value) = (line[..colon].Trim(), line[(colon + 1)..].Trim());
            if (!request.Headers.TryAddWithoutValidation(name, value) && request.Content?.Headers.TryAddWithoutValidation(name, value) != true)
            {
                return Error(Invalid, $"Header '{name}' cannot be set on this request.");
            }
        }

        var limit = TimeSpan.FromSeconds(_options.HttpTimeoutSeconds);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(timeLeft < limit ? (timeLeft > TimeSpan.Zero ? timeLeft : TimeSpan.FromMilliseconds(1)) : limit);
        try
        {
            using var response = _client.Send(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            using var stream = response.Content.ReadAsStream(timeout.Token);
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = stream.Read(chunk)) > 0)
            {
                if (buffer.Length + read > _options.HttpMaxResponseBytes)
                {
                    return Error(Failed, $"The response from {uri.Authority} is larger than {_options.HttpMaxResponseBytes} bytes.");
                }
                buffer.Write(chunk, 0, read);
            }
            return new GuestHttpResponse((int)response.StatusCode, buffer.ToArray());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Error(Failed, $"{method} {uri} timed out.");
        }
        catch (OperationCanceledException)
        {
            // The run is being stopped (cancel, lost lease, drain): end the guest now, not after the reply.
            throw new HostCallException(FailureReasons.Cancelled, $"Interrupted during {method} {uri}: the run was cancelled.");
        }
        catch (HttpRequestException ex)
        {
            return Error(Failed, $"{method} {uri} failed: {ex.Message}");
        }
    }

    private static GuestHttpResponse Error(int code, string message) => new(code, Encoding.UTF8.GetBytes(message));

    public void Dispose() => _client.Dispose();
}
