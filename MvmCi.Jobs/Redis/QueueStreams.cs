using StackExchange.Redis;

namespace MvmCi.Jobs.Redis;

/// <summary>The queue streams that exist: every queue a job was submitted to (and the default queue) at each of its priority levels.</summary>
internal static class QueueStreams
{
    /// <summary>By queue name, then priority highest first; two round trips whatever the number of queues.</summary>
    public static async Task<IReadOnlyList<(string Queue, int Priority)>> ListAsync(IDatabase db, RedisKeys keys)
    {
        var names = (await db.SetMembersAsync(keys.QueueNames).ConfigureAwait(false))
            .Select(n => n.ToString()).Append(Queues.Default).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var batch = db.CreateBatch();
        var levelReads = names.Select(n => batch.SetMembersAsync(keys.PriorityLevels(n))).ToArray();
        batch.Execute();
        var streams = new List<(string Queue, int Priority)>();
        for (var i = 0; i < names.Length; i++)
        {
            var levels = (await levelReads[i].ConfigureAwait(false)).Select(l => (int)l).Append(0).Distinct().OrderDescending();
            streams.AddRange(levels.Select(l => (names[i], l)));
        }
        return streams;
    }
}
