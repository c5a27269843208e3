using System.IO.Compression;
using System.Net;
using System.Net.Sockets;

namespace MvmCi.IntegrationTests.Tracing;

/// <summary>
/// A minimal OTLP/HTTP receiver on a free loopback port: <c>POST /v1/traces</c> with a protobuf
/// <c>ExportTraceServiceRequest</c> (gzip or not) is decoded and its spans kept, <c>POST /v1/logs</c> likewise
/// for log records; metrics are accepted and dropped. Every export is answered 200 with an empty <c>Export*ServiceResponse</c>.
/// </summary>
public sealed class OtlpTraceReceiver : IDisposable
{
    public const string TracesPath = "/v1/traces";
    public const string LogsPath = "/v1/logs";
    private const string ProtobufContentType = "application/x-protobuf";

    private readonly HttpListener _listener = new();
    private readonly Lock _gate = new();
    private readonly List<ReceivedSpan> _spans = [];
    private readonly List<ReceivedLogRecord> _logs = [];
    private readonly List<string> _errors = [];
    private readonly Task _loop;
    private int _traceExports;

    public OtlpTraceReceiver()
    {
        // A port just freed by the probe can be taken by someone else before the listener starts: try a few.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            Endpoint = $"http://127.0.0.1:{Port}";
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add(Endpoint + "/");
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }
        _loop = Task.Run(AcceptAsync);
    }

    public int Port { get; private set; }

    /// <summary>The value for <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (exporters append <c>/v1/traces</c>).</summary>
    public string Endpoint { get; private set; }

    /// <summary>How many trace exports arrived, decoded or not.</summary>
    public int TraceExports => Volatile.Read(ref _traceExports);

    /// <summary>Exports that could not be read (wrong content type, bad protobuf): a test should see none.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_gate)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>A copy of every span received so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedSpan> Spans
    {
        get
        {
            lock (_gate)
            {
                return [.. _spans];
            }
        }
    }

    /// <summary>A copy of every log record received so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedLogRecord> Logs
    {
        get
        {
            lock (_gate)
            {
                return [.. _logs];
            }
        }
    }

    /// <summary>
    /// Polls the spans received until <paramref name="condition"/> holds or <paramref name="timeout"/> is up,
    /// and returns the last snapshot either way: the caller's assertions say what was missing.
    /// </summary>
    public async Task<IReadOnlyList<ReceivedSpan>> WaitForAsync(Func<IReadOnlyList<ReceivedSpan>, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var spans = Spans;
            if (condition(spans) || DateTimeOffset.UtcNow >= deadline)
            {
                return spans;
            }
            await Task.Delay(100);
        }
    }

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            // Several services export at once: do not make one wait for another.
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            var request = context.Request;
            var path = request.Url?.AbsolutePath ?? "";
            if (request.HttpMethod == "POST" && path == TracesPath)
            {
                Interlocked.Increment(ref _traceExports);
                var body = await ReadBodyAsync(request);
                Record(request.ContentType, body);
            }
            else if (request.HttpMethod == "POST" && path == LogsPath)
            {
                var body = await ReadBodyAsync(request);
                try
                {
                    var records = OtlpLogDecoder.Decode(body);
                    lock (_gate)
                    {
                        _logs.AddRange(records);
                    }
                }
                catch (FormatException ex)
                {
                    lock (_gate)
                    {
                        _errors.Add($"undecodable log export ({body.Length} bytes): {ex.Message}");
                    }
                }
            }
            else if (request.HttpMethod == "POST" && path.StartsWith("/v1/", StringComparison.Ordinal))
            {
                // Metrics: read and drop, so the exporter does not retry them.
                await request.InputStream.CopyToAsync(Stream.Null);
            }
            else
            {
                context.Response.StatusCode = (int)HttpStatusCode.NotFound;
                context.Response.Close();
                return;
            }
            context.Response.StatusCode = (int)HttpStatusCode.OK;
            context.Response.ContentType = ProtobufContentType;
            context.Response.ContentLength64 = 0;
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The exporter went away (a service stopping): nothing to answer.
        }
    }

    private void Record(string? contentType, byte[] body)
    {
        if (contentType is null || !contentType.StartsWith(ProtobufContentType, StringComparison.OrdinalIgnoreCase))
        {
            lock (_gate)
            {
                _errors.Add($"trace export with content type '{contentType}' ({body.Length} bytes)");
            }
            return;
        }
        try
        {
            var spans = OtlpTraceDecoder.Decode(body);
            lock (_gate)
            {
                _spans.AddRange(spans);
            }
        }
        catch (FormatException ex)
        {
            lock (_gate)
            {
                _errors.Add($"undecodable trace export ({body.Length} bytes): {ex.Message}");
            }
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpListenerRequest request)
    {
        var gzip = string.Equals(request.Headers["Content-Encoding"], "gzip", StringComparison.OrdinalIgnoreCase);
        await using var source = gzip ? new GZipStream(request.InputStream, CompressionMode.Decompress) : request.InputStream;
        using var body = new MemoryStream();
        await source.CopyToAsync(body);
        return body.ToArray();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
