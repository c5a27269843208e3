namespace MvmCi.Jobs.Redis;

/// <summary>What the transition script did.</summary>
public enum TransitionOutcome
{
    /// <summary>The job moved to the target status.</summary>
    Applied,
    /// <summary>No such job.</summary>
    Missing,
    /// <summary>The job's current status does not allow the move.</summary>
    WrongState,
    /// <summary>The caller's attempt is not the job's current attempt: a newer attempt owns the job.</summary>
    Fenced,
    /// <summary>The entry the caller holds is not the one the job is queued by now.</summary>
    StaleEntry,
}
