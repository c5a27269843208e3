namespace MvmCi.Jobs.Redis;

/// <summary>
/// Interest in one job's end, from <see cref="JobFinishSignal.WatchAsync"/>: <see cref="Finished"/> completes when the
/// job reaches a final status after the watch began. Dispose it when done waiting.
/// </summary>
public sealed class FinishWatch(Task finished, Action release) : IDisposable
{
    private Action? _release = release;

    public Task Finished { get; } = finished;

    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
}
