namespace MvmCi.Worker.Queue;

/// <summary>
/// The cancellation of one running attempt: stopped by a cancel request or by a lost lease
/// (which is also stopped, separately, when the attempt ends), and by the worker's shutdown.
/// </summary>
public sealed class RunningAttempt : IDisposable
{
    private readonly CancellationTokenSource _run;
    private readonly CancellationTokenSource _lease = new();
    private readonly PeriodicTimer _renewals;

    /// <param name="renewEvery">How often the lease is renewed while the attempt runs.</param>
    /// <param name="stopping">Stops the attempt as well (a draining worker's grace is over).</param>
    public RunningAttempt(TimeSpan renewEvery, CancellationToken stopping)
    {
        _run = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _renewals = new PeriodicTimer(renewEvery);
    }

    /// <summary>Cancelled when the execution must stop.</summary>
    public CancellationToken Token => _run.Token;

    /// <summary>Cancelled when the lease no longer needs renewing.</summary>
    public CancellationToken LeaseToken => _lease.Token;

    /// <summary>
    /// The next renewal is due: true at each tick, false once <see cref="StopLease"/> was called. Stopping
    /// ends the wait by disposing the timer, not by cancelling it: a cancelled wait would throw, and every
    /// job ends its lease (profiled: the exception's stack trace was 40 % of a busy worker's CPU).
    /// </summary>
    public ValueTask<bool> NextRenewalAsync() => _renewals.WaitForNextTickAsync(CancellationToken.None);

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

    public void StopLease()
    {
        _renewals.Dispose();
        _lease.Cancel();
    }

    public void Dispose()
    {
        _renewals.Dispose();
        _run.Dispose();
        _lease.Dispose();
    }
}
