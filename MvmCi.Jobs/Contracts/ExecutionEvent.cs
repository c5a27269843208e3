namespace MvmCi.Jobs.Contracts;

/// <summary>
/// One line of an executor's NDJSON answer: first <c>started</c> (the guest is about to run),
/// then exactly one <c>result</c>.
/// </summary>
public sealed record ExecutionEvent
{
    public const string StartedType = "started";
    public const string ResultType = "result";

    public required string Type { get; init; }
    public required string ExecutorId { get; init; }
    public DateTimeOffset At { get; init; }
    public ExecutionResult? Result { get; init; }
}
