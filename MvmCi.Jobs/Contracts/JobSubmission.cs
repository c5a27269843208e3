namespace MvmCi.Jobs.Contracts;

/// <summary>A validated job, ready to be stored and queued.</summary>
public sealed record JobSubmission
{
    public required string Module { get; init; }
    public required string ModuleDigest { get; init; }
    public required string ModuleName { get; init; }
    public required string Queue { get; init; }
    public required IReadOnlyList<string> Args { get; init; }
    public required IReadOnlyDictionary<string, string> Env { get; init; }
    public string? Stdin { get; init; }
    public required int TimeoutSeconds { get; init; }
    /// <summary>Attempts a job may take in all; a lapsed lease starts the next one.</summary>
    public int MaxAttempts { get; init; } = 3;
    /// <summary>W3C traceparent of the submitting request, carried to the worker inside the stream entry.</summary>
    public string? TraceParent { get; init; }
}
