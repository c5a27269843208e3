using MvmCi.Jobs.Contracts;
using StackExchange.Redis;

namespace MvmCi.Jobs.Redis;

/// <summary>
/// Reads the queues' state from their streams and the workers' consumer group: depth (entries not yet
/// read), entries in flight, and the age of the oldest waiting entry, read from its stream id.
/// </summary>
public sealed class QueueInspector(IConnectionMultiplexer redis, RedisKeys keys, TimeProvider time)
{
    private IDatabase Db => redis.GetDatabase();

    /// <summary>Every stream of every queue a job was submitted to (and the default queue), by queue then priority.</summary>
    public async Task<IReadOnlyList<QueueInfo>> InspectAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var streams = await QueueStreams.ListAsync(Db, keys).ConfigureAwait(false);
        var infos = await Task.WhenAll(streams.Select(s => InspectStreamAsync(s.Queue, s.Priority))).ConfigureAwait(false);
        return [.. infos];
    }

    private async Task<QueueInfo> InspectStreamAsync(string queue, int priority)
    {
        var stream = RedisKeys.StreamName(queue, priority);
        var key = keys.Queue(stream);
        var length = Db.StreamLengthAsync(key);
        StreamGroupInfo? group = null;
        try
        {
            group = (await Db.StreamGroupInfoAsync(key).ConfigureAwait(false))
                .Cast<StreamGroupInfo?>().FirstOrDefault(g => g!.Value.Name == keys.ConsumerGroup);
        }
        catch (RedisServerException ex) when (ex.Message.Contains("no such key", StringComparison.OrdinalIgnoreCase))
        {
            // The stream does not exist (yet): nothing waits on it.
        }

        var waiting = group?.Lag ?? 0;
        var oldest = 0.0;
        if (group is { } g && waiting > 0)
        {
            // The first entry after the group's last delivered id is the oldest not read yet; its id holds its time.
            var next = await Db.StreamRangeAsync(key, minId: $"({g.LastDeliveredId}", maxId: "+", count: 1).ConfigureAwait(false);
            if (next.Length > 0 && long.TryParse(next[0].Id.ToString().Split('-')[0], out var ms))
            {
                oldest = Math.Max(0, (time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(ms)).TotalSeconds);
            }
        }
        return new QueueInfo
        {
            Queue = queue,
            Priority = priority,
            Stream = stream,
            Length = await length.ConfigureAwait(false),
            Waiting = waiting,
            InFlight = group?.PendingMessageCount ?? 0,
            OldestWaitingSeconds = Math.Round(oldest, 3),
            Consumers = group?.ConsumerCount ?? 0,
        };
    }
}
