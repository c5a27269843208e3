namespace MvmCi.Jobs.State;

/// <summary>
/// The allowed status transitions. The Lua transition script enforces them atomically in Redis;
/// this table is the single source the callers take their "allowed from" sets from.
/// </summary>
public static class JobStateMachine
{
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        [JobStatus.Pending] = [JobStatus.Claimed, JobStatus.Cancelled],
        // A claimed job can fail before it starts (module missing, executor unreachable). Claimed and
        // running jobs whose lease lapsed are claimed again, as the next attempt (never the same one);
        // back to pending means the attempt ended and the next one is queued (a retry, a hand-back).
        [JobStatus.Claimed] = [JobStatus.Running, JobStatus.Failed, JobStatus.Claimed, JobStatus.Cancelled, JobStatus.Pending],
        [JobStatus.Running] = [JobStatus.Completed, JobStatus.Failed, JobStatus.Claimed, JobStatus.Cancelled, JobStatus.Pending],
        [JobStatus.Completed] = [],
        // Only a user's retry reopens a failed or cancelled job, as a new attempt.
        [JobStatus.Failed] = [JobStatus.Pending],
        [JobStatus.Cancelled] = [JobStatus.Pending],
    };

    public static bool CanTransition(string from, string to) =>
        Allowed.TryGetValue(from, out var targets) && targets.Contains(to, StringComparer.Ordinal);

    /// <summary>The statuses from which <paramref name="to"/> may be entered.</summary>
    public static IReadOnlyList<string> SourcesOf(string to) =>
        [.. Allowed.Where(pair => pair.Value.Contains(to, StringComparer.Ordinal)).Select(pair => pair.Key)];
}
