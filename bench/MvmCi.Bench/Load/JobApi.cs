using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.Redis;

namespace MvmCi.Bench.Load;

/// <summary>
/// The control plane as a client sees it, over one <see cref="HttpClient"/> whose handler allows as many connections
/// as there are logical clients (each holds one while it long-polls its job).
/// </summary>
public sealed class JobApi : IDisposable
{
    /// <summary>The longest long poll the control plane grants (<c>?wait=</c>).</summary>
    public static readonly TimeSpan LongPoll = TimeSpan.FromSeconds(30);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly MediaTypeHeaderValue WasmType = new("application/wasm");

    private readonly HttpClient _http;

    public JobApi(Uri baseAddress, int maxConnections, string? apiKey)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
        };
        // Per-request deadlines come from the callers' tokens; the client-wide one would cut long polls.
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        if (apiKey is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
    }

    /// <summary>Uploads a module as <paramref name="name"/>@<paramref name="version"/>; returns its digest.</summary>
    public async Task<string> UploadModuleAsync(byte[] wasm, string name, string version, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(wasm);
        content.Headers.ContentType = WasmType;
        using var response = await _http.PostAsync(new Uri($"/api/modules?name={name}&version={version}", UriKind.Relative), content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ApiFailureException($"upload {(int)response.StatusCode}", $"Uploading the module failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
        var module = await response.Content.ReadFromJsonAsync<ModuleRecord>(Json, cancellationToken);
        return module?.Digest ?? throw new ApiFailureException("upload", "The module upload answered without a digest.");
    }

    /// <summary>
    /// Submits a job running <paramref name="module"/>; returns it as the answer shows it. With <paramref name="wait"/>,
    /// the submit itself waits until the job is final (<c>POST /api/jobs?wait=N</c>: one request per job).
    /// </summary>
    public async Task<JobDocument> SubmitAsync(string module, TimeSpan? wait, CancellationToken cancellationToken)
    {
        var query = wait is { } w ? "?wait=" + Math.Ceiling(w.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        using var response = await _http.PostAsJsonAsync(new Uri("/api/jobs" + query, UriKind.Relative), new { module }, Json, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted && !(wait is not null && response.StatusCode == HttpStatusCode.OK))
        {
            throw new ApiFailureException($"submit {(int)response.StatusCode}", $"Submit answered {(int)response.StatusCode}.");
        }
        var job = await response.Content.ReadFromJsonAsync<JobDocument>(Json, cancellationToken);
        return job?.Id is null ? throw new ApiFailureException("submit: no id", "Submit answered without a job id.") : job;
    }

    /// <summary>One long poll: the job as soon as it is final, or as it is after <paramref name="wait"/>.</summary>
    public async Task<JobDocument> WaitAsync(string id, TimeSpan wait, CancellationToken cancellationToken)
    {
        var seconds = Math.Max(0, Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var response = await _http.GetAsync(new Uri($"/api/jobs/{id}?wait={seconds}", UriKind.Relative), cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new ApiFailureException($"wait {(int)response.StatusCode}", $"Waiting for job {id} answered {(int)response.StatusCode}.");
        }
        return await response.Content.ReadFromJsonAsync<JobDocument>(Json, cancellationToken)
            ?? throw new ApiFailureException("wait: empty", $"Waiting for job {id} answered no job.");
    }

    public Task<JobDocument?> GetJobAsync(string id, CancellationToken cancellationToken) =>
        _http.GetFromJsonAsync<JobDocument>(new Uri($"/api/jobs/{id}", UriKind.Relative), Json, cancellationToken);

    public async Task<IReadOnlyList<WorkerRecord>> GetWorkersAsync(CancellationToken cancellationToken) =>
        (await _http.GetFromJsonAsync<ItemsPage<WorkerRecord>>(new Uri("/api/workers", UriKind.Relative), Json, cancellationToken))?.Items ?? [];

    public async Task<IReadOnlyList<ExecutorRecord>> GetExecutorsAsync(CancellationToken cancellationToken) =>
        (await _http.GetFromJsonAsync<ItemsPage<ExecutorRecord>>(new Uri("/api/executors", UriKind.Relative), Json, cancellationToken))?.Items ?? [];

    public async Task<QueueStats> GetStatsAsync(CancellationToken cancellationToken) =>
        await _http.GetFromJsonAsync<QueueStats>(new Uri("/api/queue/stats", UriKind.Relative), Json, cancellationToken)
        ?? throw new ApiFailureException("stats", "The queue stats answered nothing.");

    public void Dispose() => _http.Dispose();
}
