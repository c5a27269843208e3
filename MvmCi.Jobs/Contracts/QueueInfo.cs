namespace MvmCi.Jobs.Contracts;

/// <summary>
/// One queue stream (a queue has one per priority level; priority 0's is named like the queue):
/// <see cref="Waiting"/> entries no worker has read yet, <see cref="InFlight"/> read and not yet acknowledged,
/// and how long the oldest waiting entry has waited (the queue's lag in time; 0 when none waits).
/// </summary>
public sealed record QueueInfo
{
    public required string Queue { get; init; }
    public int Priority { get; init; }
    public required string Stream { get; init; }
    /// <summary>Entries the stream holds (waiting, in flight and already acknowledged).</summary>
    public long Length { get; init; }
    public long Waiting { get; init; }
    public long InFlight { get; init; }
    public double OldestWaitingSeconds { get; init; }
    /// <summary>Workers that have read from this stream (the consumer group's consumers).</summary>
    public int Consumers { get; init; }
}
