using System.Runtime.ExceptionServices;
using MvmCi.Worker.Queue;

namespace MvmCi.Worker.Tests;

public sealed class RunningAttemptTests
{
    [Fact]
    public async Task Renewals_tick_until_the_lease_is_stopped()
    {
        using var attempt = new RunningAttempt(TimeSpan.FromMilliseconds(20), CancellationToken.None);

        Assert.True(await attempt.NextRenewalAsync());
        attempt.StopLease();

        Assert.False(await attempt.NextRenewalAsync());
        Assert.True(attempt.LeaseToken.IsCancellationRequested);
        Assert.False(attempt.Token.IsCancellationRequested);
    }

    [Fact]
    public async Task Stopping_the_lease_of_a_waiting_renewal_throws_no_exception()
    {
        // Every job ends its lease; a cancelled wait would throw and build a stack trace each time
        // (it was 40 % of a busy worker's CPU).
        var thrown = 0;
        void Count(object? sender, FirstChanceExceptionEventArgs e) => Interlocked.Increment(ref thrown);
        using var attempt = new RunningAttempt(TimeSpan.FromMinutes(5), CancellationToken.None);
        var waiting = attempt.NextRenewalAsync().AsTask();
        AppDomain.CurrentDomain.FirstChanceException += Count;
        try
        {
            attempt.StopLease();
            Assert.False(await waiting);
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Count;
        }

        Assert.Equal(0, thrown);
    }

    [Fact]
    public void A_cancel_request_stops_the_run_and_is_told_apart_from_a_lost_lease()
    {
        using var stopping = new CancellationTokenSource();
        using var cancelled = new RunningAttempt(TimeSpan.FromMinutes(5), stopping.Token);
        using var lost = new RunningAttempt(TimeSpan.FromMinutes(5), stopping.Token);

        cancelled.Stop(cancelled: true);
        lost.Stop(cancelled: false);

        Assert.True(cancelled.Token.IsCancellationRequested);
        Assert.True(cancelled.WasCancelled);
        Assert.False(cancelled.LeaseLost);
        Assert.True(lost.Token.IsCancellationRequested);
        Assert.True(lost.LeaseLost);
        Assert.False(lost.WasCancelled);
    }

    [Fact]
    public void The_worker_stopping_stops_every_attempt()
    {
        using var stopping = new CancellationTokenSource();
        using var attempt = new RunningAttempt(TimeSpan.FromMinutes(5), stopping.Token);

        stopping.Cancel();

        Assert.True(attempt.Token.IsCancellationRequested);
        Assert.False(attempt.WasCancelled);
    }
}
