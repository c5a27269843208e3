namespace MvmCi.Jobs.Redis;

/// <summary>The answer to a lease renewal.</summary>
public enum LeaseRenewal
{
    /// <summary>The lease runs for another TTL.</summary>
    Renewed,
    /// <summary>Renewed, and the job was asked to be cancelled.</summary>
    CancelRequested,
    /// <summary>Another worker owns the entry, or a newer attempt owns the job: stop, write nothing.</summary>
    Lost,
}
