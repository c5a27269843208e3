using StackExchange.Redis;

namespace MvmCi.Jobs.Redis;

/// <summary>
/// The durable-execution journal of each job, a Redis list. Writes are Lua scripts fenced by the job's
/// attempt number (and, for appends, by the expected length), so only the attempt that owns the job writes.
/// </summary>
public sealed class JournalStore(IConnectionMultiplexer redis, RedisKeys keys)
{
    private IDatabase Db => redis.GetDatabase();

    public IReadOnlyList<string> Load(string jobId) =>
        [.. Db.ListRange(keys.JobJournal(jobId)).Select(v => v.ToString())];

    public async Task<IReadOnlyList<string>> LoadAsync(string jobId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var entries = await Db.ListRangeAsync(keys.JobJournal(jobId)).ConfigureAwait(false);
        return [.. entries.Select(v => v.ToString())];
    }

    /// <returns>"ok", "fenced" (the job is on another attempt) or "conflict" (the journal has another length).</returns>
    public string Append(string jobId, int attempt, long expectedLength, IReadOnlyList<string> entries)
    {
        RedisValue[] args = [attempt, expectedLength, .. entries.Select(e => (RedisValue)e)];
        return Db.ScriptEvaluate(JournalScripts.Append, [keys.Job(jobId), keys.JobJournal(jobId)], args).ToString();
    }

    /// <returns>"ok", "fenced" or "conflict" (no entry at that index).</returns>
    public string Replace(string jobId, int attempt, long index, string entry) =>
        Db.ScriptEvaluate(JournalScripts.Replace, [keys.Job(jobId), keys.JobJournal(jobId)], [attempt, index, entry]).ToString();
}
