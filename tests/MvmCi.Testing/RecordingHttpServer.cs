using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MvmCi.Testing;

/// <summary>
/// A local HTTP server that records every request it gets (method, path, body) and answers
/// <c>200 ok {path}</c>, or 404 for paths under <c>/missing</c>. Guests call it through <c>mvmci.http_request</c>.
/// </summary>
public sealed class RecordingHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public RecordingHttpServer()
    {
        Port = FreePort();
        BaseUrl = $"http://127.0.0.1:{Port}";
        _listener.Prefixes.Add(BaseUrl + "/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string BaseUrl { get; }

    public ConcurrentQueue<(string Method, string Path, string Body)> Requests { get; } = new();

    /// <summary>Called after each request is recorded, before it is answered, with the number of requests so far.</summary>
    public Action<int>? OnRequest { get; set; }

    public int Count(string path) => Requests.Count(r => r.Path == path);

    private async Task LoopAsync()
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
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var path = context.Request.Url!.AbsolutePath;
            Requests.Enqueue((context.Request.HttpMethod, path, body));
            OnRequest?.Invoke(Requests.Count);
            var missing = path.StartsWith("/missing", StringComparison.Ordinal);
            context.Response.StatusCode = missing ? 404 : 200;
            var reply = Encoding.UTF8.GetBytes(missing ? "not found" : $"ok {path}");
            await context.Response.OutputStream.WriteAsync(reply);
            context.Response.Close();
        }
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
