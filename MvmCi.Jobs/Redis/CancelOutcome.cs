namespace MvmCi.Jobs.Redis;

/// <summary>What a cancel did.</summary>
public enum CancelOutcome
{
    NotFound,
    /// <summary>The job was pending and is now cancelled; it will never start.</summary>
    Cancelled,
    /// <summary>The job is claimed or running; its worker interrupts it and records the cancellation.</summary>
    Requested,
    /// <summary>The job had already finished; nothing changed.</summary>
    AlreadyFinished,
}
