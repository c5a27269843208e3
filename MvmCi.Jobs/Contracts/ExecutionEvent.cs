namespace MvmCi.Jobs.Contracts;

/// <summary>
/// One line of an executor's NDJSON answer: first <c>started</c> (the guest is about to run), then
/// any number of <c>output</c> lines (live stdout/stderr), then exactly one <c>result</c>.
/// </summary>
public sealed record ExecutionEvent
{
    public const string StartedType = "started";
    public const string ResultType = "result";
    public const string OutputType = "output";
    public const string ProgressType = "progress";

    public required string Type { get; init; }
    public required string ExecutorId { get; init; }
    public DateTimeOffset At { get; init; }
    public ExecutionResult? Result { get; init; }
    /// <summary>For <c>output</c>: stdout or stderr.</summary>
    public string? Stream { get; init; }
    /// <summary>For <c>output</c>: the text the guest wrote.</summary>
    public string? Text { get; init; }
    public JobProgress? Progress { get; init; }
}
