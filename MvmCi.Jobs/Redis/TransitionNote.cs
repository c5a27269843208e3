namespace MvmCi.Jobs.Redis;

/// <summary>
/// What a transition records in the job's history, and its extra guards: the entry the job must be
/// queued by, and the reason to record the job on the dead-letter stream with (null: not a dead letter).
/// </summary>
internal sealed record TransitionNote(
    string Detail, string? ExpectedEntry = null, string? DeadLetterReason = null, JobStart? Start = null);
