namespace MvmCi.Jobs.Redis;

/// <summary>
/// A job's time limits beyond the per-attempt timeout: how long one wait in the queue may last, when
/// the current wait ends, and when the whole job must have ended (null: no such limit).
/// </summary>
public sealed record JobDeadlines(int? QueueTimeoutSeconds, DateTimeOffset? QueueDeadline, DateTimeOffset? TotalDeadline)
{
    /// <summary>The reason the job must fail now, before this attempt starts; null when it may run.</summary>
    public string? ExpiredAt(DateTimeOffset now) =>
        TotalDeadline <= now ? State.FailureReasons.TotalTimeout
        : QueueDeadline <= now ? State.FailureReasons.QueueTimeout
        : null;

    /// <summary>The next wait's queue deadline, for a job queued again at <paramref name="queuedAt"/>.</summary>
    public DateTimeOffset? NextQueueDeadline(DateTimeOffset queuedAt) =>
        QueueTimeoutSeconds is { } seconds ? queuedAt.AddSeconds(seconds) : null;
}
