using MvmCi.Jobs.Redis;
using MvmCi.Worker.Queue;

namespace MvmCi.Worker.Tests;

public sealed class RunningMarkTests
{
    private static readonly JobStart Start = new("worker-1/embedded", DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private sealed class Writes
    {
        public int Count;
        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource<JobStart> Sent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<bool> Send(JobStart start)
        {
            Interlocked.Increment(ref Count);
            Sent.TrySetResult(start);
            return Done.Task;
        }
    }

    [Fact]
    public async Task A_guest_that_ends_within_the_hold_back_leaves_its_start_to_the_outcome()
    {
        var writes = new Writes();
        using var mark = new RunningMark(writes.Send, TimeSpan.FromMilliseconds(200));

        mark.Started(Start);
        var taken = await mark.TakeForOutcomeAsync();
        await Task.Delay(400);

        Assert.Equal(Start, taken);
        Assert.Equal(0, writes.Count);
    }

    [Fact]
    public async Task A_longer_guest_is_marked_running_once_and_the_outcome_waits_for_that_write()
    {
        var writes = new Writes();
        using var mark = new RunningMark(writes.Send, TimeSpan.FromMilliseconds(20));

        mark.Started(Start);
        Assert.Equal(Start, await writes.Sent.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        var taking = mark.TakeForOutcomeAsync();
        await Task.Delay(50);
        Assert.False(taking.IsCompleted);
        writes.Done.SetResult(true);

        Assert.Null(await taking);
        Assert.Equal(1, writes.Count);
    }

    [Fact]
    public async Task Flush_writes_at_once_and_the_outcome_then_records_no_start()
    {
        var writes = new Writes();
        writes.Done.SetResult(true);
        using var mark = new RunningMark(writes.Send, TimeSpan.FromMinutes(5));

        mark.Started(Start);
        await mark.FlushAsync();

        Assert.Null(await mark.TakeForOutcomeAsync());
        Assert.Equal(1, writes.Count);
    }

    [Fact]
    public async Task When_the_running_write_failed_the_outcome_records_the_start()
    {
        var writes = new Writes();
        writes.Done.SetResult(false);
        using var mark = new RunningMark(writes.Send, TimeSpan.FromMinutes(5));

        mark.Started(Start);
        await mark.FlushAsync();

        Assert.Equal(Start, await mark.TakeForOutcomeAsync());
        Assert.Equal(1, writes.Count);
    }

    [Fact]
    public async Task Nothing_is_written_for_a_guest_that_never_started_or_an_attempt_given_up()
    {
        var writes = new Writes();
        using (var neverStarted = new RunningMark(writes.Send, TimeSpan.FromMilliseconds(10)))
        {
            await neverStarted.FlushAsync();
            Assert.Null(await neverStarted.TakeForOutcomeAsync());
        }
        var givenUp = new RunningMark(writes.Send, TimeSpan.FromMilliseconds(50));
        givenUp.Started(Start);
        givenUp.Dispose();
        await Task.Delay(200);

        Assert.Equal(0, writes.Count);
    }
}
