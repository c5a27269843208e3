namespace MvmCi.Worker.Queue;

/// <summary>
/// The worker's lifecycle as the queue loop, the slots and the heartbeat share it: online, then
/// draining (no new claims; running jobs go on), then interrupted (the grace period is over: running
/// jobs are stopped and handed back to the queue).
/// </summary>
public sealed class WorkerState : IDisposable
{
    private readonly CancellationTokenSource _drain = new();
    private readonly CancellationTokenSource _interrupt = new();
    private long _completed;
    private long _failed;

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    /// <summary>Cancelled when the worker stops claiming.</summary>
    public CancellationToken DrainToken => _drain.Token;

    /// <summary>Cancelled when running jobs must stop and be handed back.</summary>
    public CancellationToken InterruptToken => _interrupt.Token;

    public bool IsDraining => _drain.IsCancellationRequested;

    public long Completed => Interlocked.Read(ref _completed);

    public long Failed => Interlocked.Read(ref _failed);

    public void BeginDrain() => _drain.Cancel();

    public void Interrupt()
    {
        _drain.Cancel();
        _interrupt.Cancel();
    }

    public void CountOutcome(bool succeeded)
    {
        if (succeeded)
        {
            Interlocked.Increment(ref _completed);
        }
        else
        {
            Interlocked.Increment(ref _failed);
        }
    }

    public void Dispose()
    {
        _drain.Dispose();
        _interrupt.Dispose();
    }
}
