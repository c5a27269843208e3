namespace MvmCi.Jobs.Redis;

/// <summary>Retention: finished jobs are removed after a while, and queue streams lose the entries that are done.</summary>
public sealed partial class JobStore
{
    /// <summary>
    /// Removes up to <paramref name="batch"/> finished jobs that became final before <paramref name="cutoff"/> or are
    /// the oldest beyond <paramref name="keepAtMost"/> finished jobs; returns how many went.
    /// </summary>
    public async Task<int> PruneFinishedAsync(DateTimeOffset cutoff, long? keepAtMost, int batch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var removed = await Db.ScriptEvaluateAsync(JobScripts.PruneFinished, [keys.Finished],
            [keys.Prefix, cutoff.ToUnixTimeMilliseconds(), keepAtMost is { } keep ? keep : "", batch]).ConfigureAwait(false);
        return (int)removed;
    }

    /// <summary>How many finished jobs are kept now.</summary>
    public Task<long> FinishedCountAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Db.SortedSetLengthAsync(keys.Finished);
    }

    /// <summary>Trims every queue stream (each queue at each priority level) of the entries no group needs; returns how many went.</summary>
    public async Task<long> TrimQueuesAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var streams = await QueueStreams.ListAsync(Db, keys).ConfigureAwait(false);
        var trims = Db.CreateBatch();
        var trimmed = streams.Select(s => trims.ScriptEvaluateAsync(JobScripts.TrimQueue, [keys.Queue(RedisKeys.StreamName(s.Queue, s.Priority))])).ToArray();
        trims.Execute();
        return (await Task.WhenAll(trimmed).ConfigureAwait(false)).Sum(r => (long)r);
    }
}
