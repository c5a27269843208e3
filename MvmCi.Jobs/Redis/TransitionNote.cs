namespace MvmCi.Jobs.Redis;

/// <summary>
/// What a transition records in the job's history, and its extra guards: the entry the job must be
/// queued by, and the statuses it may leave (default: every source the state machine allows).
/// </summary>
internal sealed record TransitionNote(string Detail, string? ExpectedEntry = null, IReadOnlyList<string>? AllowedFrom = null);
