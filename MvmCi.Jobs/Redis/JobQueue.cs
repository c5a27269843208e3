using StackExchange.Redis;

namespace MvmCi.Jobs.Redis;

/// <summary>Reading a queue stream through the workers' consumer group.</summary>
public sealed class JobQueue(IConnectionMultiplexer redis, RedisKeys keys)
{
    private IDatabase Db => redis.GetDatabase();

    /// <summary>Creates the consumer group (and the stream) if they do not exist yet.</summary>
    public async Task EnsureGroupAsync(string queue, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await Db.StreamCreateConsumerGroupAsync(keys.Queue(queue), keys.ConsumerGroup, StreamPosition.Beginning, createStream: true)
                .ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
        }
    }

    /// <summary>
    /// Entries never delivered to any consumer. When <paramref name="ownPending"/> is set, the
    /// entries already delivered to this consumer and not yet acknowledged are returned instead
    /// (what a restarted worker had in hand).
    /// </summary>
    public async Task<IReadOnlyList<QueueEntry>> ReadAsync(
        string queue, string consumer, int count, bool ownPending, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        StreamEntry[] entries;
        try
        {
            entries = await Db.StreamReadGroupAsync(
                keys.Queue(queue), keys.ConsumerGroup, consumer,
                ownPending ? StreamPosition.Beginning : StreamPosition.NewMessages, count).ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
        {
            // The stream was deleted (e.g. Redis restarted without persistence): recreate and retry next poll.
            await EnsureGroupAsync(queue, cancellationToken).ConfigureAwait(false);
            return [];
        }

        return [.. entries.Select(e => ToEntry(queue, e))];
    }

    /// <summary>
    /// Takes over entries whose consumer has not renewed them for <paramref name="minIdle"/> (a lapsed
    /// lease), scanning the pending list from <paramref name="cursor"/>; returns them and the next cursor
    /// ("0-0" when the scan wrapped).
    /// </summary>
    public async Task<(IReadOnlyList<QueueEntry> Entries, string NextCursor)> ReclaimAsync(
        string queue, string consumer, TimeSpan minIdle, string cursor, int count, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = await Db.StreamAutoClaimAsync(
            keys.Queue(queue), keys.ConsumerGroup, consumer, (long)minIdle.TotalMilliseconds, cursor, count).ConfigureAwait(false);
        return ([.. result.ClaimedEntries.Where(e => !e.IsNull).Select(e => ToEntry(queue, e))], result.NextStartId.ToString());
    }

    private static QueueEntry ToEntry(string queue, StreamEntry e) =>
        new(queue, e.Id.ToString(), e["job"].ToString(), e["traceparent"].IsNullOrEmpty ? null : e["traceparent"].ToString());

    /// <summary>The priority levels <paramref name="queue"/> has had jobs on (see <see cref="RedisKeys.StreamName"/>).</summary>
    public async Task<IReadOnlyList<int>> PriorityLevelsAsync(string queue, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var levels = await Db.SetMembersAsync(keys.PriorityLevels(queue)).ConfigureAwait(false);
        return [.. levels.Select(l => (int)l)];
    }

    /// <summary>Acknowledges an entry whose job needs no outcome written (e.g. it is already terminal).</summary>
    public Task AcknowledgeAsync(QueueEntry entry, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Db.StreamAcknowledgeAsync(keys.Queue(entry.Queue), keys.ConsumerGroup, entry.EntryId);
    }
}
