using StackExchange.Redis;

namespace MvmCi.Jobs.Redis;

/// <summary>
/// Tells waiters the moment a job reaches a final status: the transition scripts publish its id on
/// <see cref="RedisKeys.FinishedChannel"/>, and one subscription per process serves every waiter. Begin the
/// watch, then read the job: a job that finished in between is seen by the read, a later end by the watch.
/// </summary>
public sealed class JobFinishSignal(IConnectionMultiplexer redis, RedisKeys keys)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (TaskCompletionSource Finished, int Watchers)> _watches = new(StringComparer.Ordinal);
    private Task? _subscription;

    public async Task<FinishWatch> WatchAsync(string jobId, CancellationToken cancellationToken)
    {
        await SubscribeOnceAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        TaskCompletionSource finished;
        lock (_gate)
        {
            if (!_watches.TryGetValue(jobId, out var watch))
            {
                watch = (new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), 0);
            }
            finished = watch.Finished;
            _watches[jobId] = (finished, watch.Watchers + 1);
        }
        return new FinishWatch(finished.Task, () => Release(jobId, finished));
    }

    private void Release(string jobId, TaskCompletionSource finished)
    {
        lock (_gate)
        {
            if (_watches.TryGetValue(jobId, out var watch) && watch.Finished == finished)
            {
                if (watch.Watchers <= 1)
                {
                    _watches.Remove(jobId);
                }
                else
                {
                    _watches[jobId] = (finished, watch.Watchers - 1);
                }
            }
        }
    }

    private Task SubscribeOnceAsync()
    {
        lock (_gate)
        {
            // A failed subscription (Redis away) is tried again by the next watcher.
            if (_subscription is null || _subscription.IsFaulted || _subscription.IsCanceled)
            {
                _subscription = redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(keys.FinishedChannel), (_, id) => Signal(id.ToString()));
            }
            return _subscription;
        }
    }

    private void Signal(string jobId)
    {
        TaskCompletionSource? finished = null;
        lock (_gate)
        {
            if (_watches.Remove(jobId, out var watch))
            {
                finished = watch.Finished;
            }
        }
        finished?.TrySetResult();
    }
}
