using MvmCi.Jobs.State;

namespace MvmCi.Jobs.Contracts;

/// <summary>A job as the HTTP contract shows it (<c>GET /api/jobs/{id}</c>).</summary>
public sealed record JobRecord
{
    public required string Id { get; init; }
    /// <summary>The module reference as submitted: a digest or name@version.</summary>
    public required string Module { get; init; }
    /// <summary>The digest the reference resolved to at submit time; this is what runs.</summary>
    public required string ModuleDigest { get; init; }
    public required string Queue { get; init; }
    public int Priority { get; init; }
    public required string Status { get; init; }
    public int Attempt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ClaimedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public int? ExitCode { get; init; }
    public string? Stdout { get; init; }
    public string? Stderr { get; init; }
    public bool StdoutTruncated { get; init; }
    public bool StderrTruncated { get; init; }
    public string? FailureReason { get; init; }
    public string? FailureMessage { get; init; }
    public string? WorkerId { get; init; }
    public string? ExecutorId { get; init; }
    public long? DurationMs { get; init; }
    public IReadOnlyList<string> Args { get; init; } = [];
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();
    public int TimeoutSeconds { get; init; }
    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;
    public int? QueueTimeoutSeconds { get; init; }
    public int? TotalTimeoutSeconds { get; init; }
    /// <summary>When a pending job waiting for a retry is queued again.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>The string the guest reads with <c>mvmci.get_input</c>.</summary>
    public string? Input { get; init; }

    /// <summary>Whether WASI clocks and random are journaled even without <c>mvmci</c> imports.</summary>
    public bool Durable { get; init; }

    /// <summary>Blobs mounted read-only under <c>/inputs</c>.</summary>
    public IReadOnlyList<InputFile> Inputs { get; init; } = [];

    /// <summary>Paths under <c>/work</c> collected as artifacts.</summary>
    public IReadOnlyList<string> Outputs { get; init; } = [];
    /// <summary>Hosts (or <c>host:port</c>) the guest may reach through <c>mvmci.http_request</c>, besides the executors' own allow-list.</summary>
    public IReadOnlyList<string> HttpAllowedHosts { get; init; } = [];
    /// <summary>Environment variable → name of the stored secret it is set from (names only: values are never shown).</summary>
    public IReadOnlyDictionary<string, string> Secrets { get; init; } = new Dictionary<string, string>();

    /// <summary>What the guest passed to <c>mvmci.set_output</c> last.</summary>
    public string? Output { get; init; }

    /// <summary>The guest's last <c>mvmci.progress</c> report.</summary>
    public JobProgress? Progress { get; init; }

    /// <summary>The files collected from <see cref="Outputs"/> when the job ended.</summary>
    public IReadOnlyList<Artifact> Artifacts { get; init; } = [];

    /// <summary>The W3C trace id of the job's trace (submit, every attempt, the guest's run), to look it up in a trace viewer.</summary>
    public string? TraceId { get; init; }
}
