using MvmCi.Jobs.State;

namespace MvmCi.Jobs.Contracts;

/// <summary>A validated job, ready to be stored and queued.</summary>
public sealed record JobSubmission
{
    /// <summary>The id to create the job with (see <see cref="JobIds.New"/>); null for a new one.</summary>
    public string? Id { get; init; }

    public required string Module { get; init; }
    public required string ModuleDigest { get; init; }
    public required string ModuleName { get; init; }
    public required string Queue { get; init; }
    /// <summary>0 (default) to 9; within a queue, higher priorities are taken first.</summary>
    public int Priority { get; init; }
    public required IReadOnlyList<string> Args { get; init; }
    public required IReadOnlyDictionary<string, string> Env { get; init; }
    public string? Stdin { get; init; }
    public required int TimeoutSeconds { get; init; }
    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;
    /// <summary>Longest wait in the queue before an attempt starts (each wait, retries included); null: no limit.</summary>
    public int? QueueTimeoutSeconds { get; init; }
    /// <summary>Longest time from submit to the end of the last attempt; null: no limit.</summary>
    public int? TotalTimeoutSeconds { get; init; }
    /// <summary>Client's Idempotency-Key and a hash of the request body, when given.</summary>
    public (string Key, string BodyHash)? Idempotency { get; init; }
    /// <summary>W3C traceparent of the submitting request, carried to the worker inside the stream entry.</summary>
    public string? TraceParent { get; init; }
    public string? Input { get; init; }
    public bool Durable { get; init; }
    public IReadOnlyList<InputFile> Inputs { get; init; } = [];
    public IReadOnlyList<string> Outputs { get; init; } = [];
    /// <summary>Hosts (or <c>host:port</c>) the guest may reach through <c>mvmci.http_request</c>; none by default.</summary>
    public IReadOnlyList<string> HttpAllowedHosts { get; init; } = [];
    /// <summary>Environment variable → name of a stored secret; the worker sets the values.</summary>
    public IReadOnlyDictionary<string, string> Secrets { get; init; } = new Dictionary<string, string>();
}
