namespace MvmCi.Jobs.Contracts;

/// <summary>How one execution ended. <see cref="FailureReason"/> is null exactly when the guest exited 0.</summary>
public sealed record ExecutionResult
{
    public int? ExitCode { get; init; }
    public string Stdout { get; init; } = "";
    public string Stderr { get; init; } = "";
    public bool StdoutTruncated { get; init; }
    public bool StderrTruncated { get; init; }
    public string? FailureReason { get; init; }
    public string? FailureMessage { get; init; }
    public long DurationMs { get; init; }
    public ulong FuelConsumed { get; init; }

    /// <summary>What the guest passed to <c>mvmci.set_output</c> last; null when it never did.</summary>
    public string? Output { get; init; }

    /// <summary>The files collected from the job's <c>outputs</c>.</summary>
    public IReadOnlyList<Artifact> Artifacts { get; init; } = [];

    public bool Succeeded => FailureReason is null;
}
