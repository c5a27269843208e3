using MvmCi.Jobs.Redis;

namespace MvmCi.Worker.Queue;

/// <summary>
/// The claimed → running write of one attempt, held back for <see cref="HoldBack"/> after the guest started. A
/// guest that ends within it has its start recorded by the outcome script instead (one round trip per job instead
/// of two; the job's history shows the same two moves, the start at its own time). A longer one is marked running
/// when the hold-back is over, and one that writes output or progress before that, at its first report.
/// </summary>
public sealed class RunningMark : IDisposable
{
    /// <summary>How long the "running" write waits for the guest to end first.</summary>
    public static readonly TimeSpan HoldBack = TimeSpan.FromMilliseconds(50);

    private const int NotStarted = 0, Held = 1, Sent = 2, Taken = 3;

    private readonly Func<JobStart, Task<bool>> _send;
    private readonly TimeSpan _holdBack;
    private readonly Lock _gate = new();
    private int _state = NotStarted;
    private JobStart _start;
    private Timer? _timer;
    private Task<bool> _sent = Task.FromResult(true);

    /// <param name="send">
    /// Writes "running" and tells whether it was written (called at most once, never after
    /// <see cref="TakeForOutcomeAsync"/> took the start); it must not throw.
    /// </param>
    public RunningMark(Func<JobStart, Task<bool>> send, TimeSpan? holdBack = null)
    {
        _send = send;
        _holdBack = holdBack ?? HoldBack;
    }

    /// <summary>The guest started: "running" is written after the hold-back unless the outcome takes it first.</summary>
    public void Started(JobStart start)
    {
        lock (_gate)
        {
            if (_state != NotStarted)
            {
                return;
            }
            _start = start;
            _state = Held;
            _timer = new Timer(_ => Send(), null, _holdBack, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Writes "running" now if it is still held (before a write that needs it, such as a retry).</summary>
    public Task FlushAsync()
    {
        Send();
        lock (_gate)
        {
            return _sent;
        }
    }

    /// <summary>
    /// For the outcome: the start it should record, when "running" was not written yet (and now never will be) or
    /// its write failed; otherwise null, once the "running" write in flight has ended, so the outcome follows it.
    /// </summary>
    public async Task<JobStart?> TakeForOutcomeAsync()
    {
        lock (_gate)
        {
            if (_state == Held)
            {
                _state = Taken;
                _timer?.Dispose();
                return _start;
            }
        }
        Task<bool> sent;
        lock (_gate)
        {
            if (_state == NotStarted)
            {
                return null;
            }
            sent = _sent;
        }
        return await sent.ConfigureAwait(false) ? null : _start;
    }

    private void Send()
    {
        lock (_gate)
        {
            if (_state != Held)
            {
                return;
            }
            _state = Sent;
            _timer?.Dispose();
            _sent = _send(_start);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            if (_state == Held)
            {
                _state = Taken;
            }
        }
    }
}
