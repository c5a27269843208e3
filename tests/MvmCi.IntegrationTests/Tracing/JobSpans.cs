namespace MvmCi.IntegrationTests.Tracing;

/// <summary>
/// How the spans of a job's journey are recognised: by instrumentation scope, kind and the attributes the
/// services and the OpenTelemetry instrumentations set (semantic conventions for HTTP and Redis).
/// </summary>
public static class JobSpans
{
    public const string AspNetCoreScope = "Microsoft.AspNetCore";
    public const string HttpClientScope = "System.Net.Http";
    public const string WorkerScope = "MvmCi.Worker";
    public const string FlawlessScope = "MvmCi.Flawless";
    public const string RedisScope = "OpenTelemetry.Instrumentation.StackExchangeRedis";
    public const string ExecutionsPath = "/v1/executions";

    /// <summary>The control plane's server span of <c>POST /api/jobs</c>.</summary>
    public static bool IsSubmitRequest(ReceivedSpan span) => IsServer(span, "POST", "/api/jobs");

    /// <summary>The control plane's server span of <c>POST /api/jobs/{id}/retry</c>.</summary>
    public static bool IsRetryRequest(ReceivedSpan span, string jobId) => IsServer(span, "POST", $"/api/jobs/{jobId}/retry");

    /// <summary>A worker's <c>job.run</c> span of the job (one per attempt).</summary>
    public static bool IsRun(ReceivedSpan span, string jobId) =>
        span.Scope == WorkerScope && span.Name == "job.run" && span.Attribute("mvmci.job.id") == jobId;

    public static bool IsRun(ReceivedSpan span, string jobId, int attempt) =>
        IsRun(span, jobId) && span.Attribute("mvmci.job.attempt") == attempt.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A worker's HTTP client span of its call to an executor.</summary>
    public static bool IsExecutorCall(ReceivedSpan span) =>
        span.Scope == HttpClientScope && span.Kind == SpanKind.Client
        && span.Attribute("url.full") is { } url && new Uri(url).AbsolutePath == ExecutionsPath;

    /// <summary>An executor's server span of <c>POST /v1/executions</c>.</summary>
    public static bool IsExecutorRequest(ReceivedSpan span) => IsServer(span, "POST", ExecutionsPath);

    /// <summary>The Flawless executor's span around the guest's run.</summary>
    public static bool IsWasmExecute(ReceivedSpan span, string jobId) =>
        span.Scope == FlawlessScope && span.Name == "wasm.execute" && span.Attribute("mvmci.job.id") == jobId;

    public static bool IsRedisCommand(ReceivedSpan span) => span.Scope == RedisScope;

    private static bool IsServer(ReceivedSpan span, string method, string path) =>
        span.Scope == AspNetCoreScope && span.Kind == SpanKind.Server
        && span.Attribute("http.request.method") == method && span.Attribute("url.path") == path;
}
