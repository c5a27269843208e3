namespace MvmCi.Worker.Queue;

/// <summary>
/// The cancellation of one running attempt: stopped by a cancel request or by a lost lease
/// (which is also stopped, separately, when the attempt ends), and by the worker's shutdown.
/// </summary>
public sealed class RunningAttempt : IDisposable
{
    private readonly CancellationTokenSource _run;
    private readonly CancellationTokenSource _lease = new();

    public RunningAttempt(CancellationToken stopping) => _run = CancellationTokenSource.CreateLinkedTokenSource(stopping);

    /// <summary>Cancelled when the execution must stop.</summary>
    public CancellationToken Token => _run.Token;

    /// <summary>Cancelled when the lease no longer needs renewing.</summary>
    public CancellationToken LeaseToken => _lease.Token;

    public bool WasCancelled { get; private set; }

    public bool LeaseLost { get; private set; }

    public void Stop(bool cancelled)
    {
        if (cancelled)
        {
            WasCancelled = true;
        }
        else
        {
            LeaseLost = true;
        }
        try
        {
            _run.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The attempt ended while the request to stop it was on its way.
        }
    }

    public void StopLease() => _lease.Cancel();

    public void Dispose()
    {
        _run.Dispose();
        _lease.Dispose();
    }
}
