namespace MvmCi.ControlPlane.Jobs;

/// <summary>The body of <c>POST /api/jobs</c>. Only <see cref="Module"/> is required.</summary>
public sealed record SubmitJobRequest
{
    /// <summary>A digest (<c>sha256:...</c>) or <c>name@version</c>.</summary>
    public string? Module { get; init; }
    /// <summary>The queue the job waits in (default <c>default</c>); workers serve the queues they are configured with.</summary>
    public string? Queue { get; init; }
    /// <summary>0 (default) to 9: within a queue, higher priorities are taken first.</summary>
    public int? Priority { get; init; }
    public IReadOnlyList<string?>? Args { get; init; }
    public IReadOnlyDictionary<string, string?>? Env { get; init; }
    public string? Stdin { get; init; }
    public int? TimeoutSeconds { get; init; }
    /// <summary>Longest wait in the queue before an attempt starts (each wait); fails with <c>queue_timeout</c>.</summary>
    public int? QueueTimeoutSeconds { get; init; }
    /// <summary>Longest time from submit to the end, across attempts; fails with <c>total_timeout</c>.</summary>
    public int? TotalTimeoutSeconds { get; init; }
    /// <summary>The retry policy; every field optional (defaults: 3 attempts, 1 s, ×2, at most 60 s, exit codes not retried).</summary>
    public RetryRequest? Retry { get; init; }
    public string? Input { get; init; }
    public bool? Durable { get; init; }
    public IReadOnlyList<InputFileRequest?>? Inputs { get; init; }
    public IReadOnlyList<string?>? Outputs { get; init; }
    /// <summary>Hosts (<c>name</c> or <c>name:port</c>) the guest may reach through <c>mvmci.http_request</c>; none by default.</summary>
    public IReadOnlyList<string?>? HttpAllowedHosts { get; init; }
    /// <summary>
    /// Environment variables the worker sets from stored secrets (<c>PUT /api/secrets/{name}</c>): variable name →
    /// secret name. The values never appear in the job, its logs, its events or its traces.
    /// </summary>
    public IReadOnlyDictionary<string, string?>? Secrets { get; init; }
}
