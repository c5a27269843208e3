using System.Text.Json;
using MvmCi.Jobs.Contracts;
using StackExchange.Redis;

namespace MvmCi.Jobs.Redis;

/// <summary>
/// Workers register and heartbeat here (hash <c>{p}:worker:{id}</c>, set <c>{p}:workers</c>); a worker
/// not seen for <see cref="OfflineAfter"/> is shown offline. Remote drain requests go through it too.
/// </summary>
public sealed class WorkerRegistry(IConnectionMultiplexer redis, RedisKeys keys, TimeProvider time)
{
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan OfflineAfter = HeartbeatInterval * 3;

    public const string Online = "online";
    public const string Draining = "draining";
    public const string Offline = "offline";

    private IDatabase Db => redis.GetDatabase();

    /// <summary>Records the worker's current figures; answers whether a drain was asked for remotely.</summary>
    public async Task<bool> HeartbeatAsync(WorkerRecord worker, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = keys.Worker(worker.Id);
        var batch = Db.CreateBatch();
        var write = batch.HashSetAsync(key,
        [
            new("id", worker.Id),
            new("queues", JsonSerializer.Serialize(worker.Queues)),
            new("slots", worker.Slots),
            new("running", worker.Running),
            new("completed", worker.Completed),
            new("failed", worker.Failed),
            new("state", worker.State),
            new("lastSeen", JobStore.Format(time.GetUtcNow())),
            new("startedAt", JobStore.Format(worker.StartedAt)),
            new("host", worker.Host ?? ""),
            new("pid", worker.ProcessId ?? 0),
        ]);
        var expire = batch.KeyExpireAsync(key, TimeSpan.FromDays(1));
        var add = batch.SetAddAsync(keys.Workers, worker.Id);
        var drain = batch.HashGetAsync(key, "drainRequested");
        batch.Execute();
        await Task.WhenAll(write, expire, add, drain).ConfigureAwait(false);
        return (await drain.ConfigureAwait(false)) == "1";
    }

    public async Task<IReadOnlyList<WorkerRecord>> ListAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var ids = await Db.SetMembersAsync(keys.Workers).ConfigureAwait(false);
        var batch = Db.CreateBatch();
        var reads = ids.Select(id => batch.HashGetAllAsync(keys.Worker(id.ToString()))).ToArray();
        batch.Execute();
        var hashes = await Task.WhenAll(reads).ConfigureAwait(false);
        return [.. hashes.Where(h => h.Length > 0).Select(ToRecord).OrderBy(w => w.Id, StringComparer.Ordinal)];
    }

    /// <summary>Asks a worker to drain: stop claiming and finish what it runs. False when the worker is unknown.</summary>
    public async Task<bool> RequestDrainAsync(string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!await Db.KeyExistsAsync(keys.Worker(id)).ConfigureAwait(false))
        {
            return false;
        }
        await Db.HashSetAsync(keys.Worker(id), "drainRequested", "1").ConfigureAwait(false);
        await Db.PublishAsync(RedisChannel.Literal(keys.DrainChannel), id).ConfigureAwait(false);
        return true;
    }

    private WorkerRecord ToRecord(HashEntry[] entries)
    {
        var hash = new HeartbeatHash(entries);
        return new WorkerRecord
        {
            Id = hash.Id,
            Queues = JsonSerializer.Deserialize<string[]>(hash.Text("queues") ?? "[]") ?? [],
            Slots = (int)hash.Number("slots"),
            Running = (int)hash.Number("running"),
            Completed = hash.Number("completed"),
            Failed = hash.Number("failed"),
            State = hash.State(time.GetUtcNow(), reported: ""),
            LastSeen = hash.Time("lastSeen"),
            StartedAt = hash.Time("startedAt"),
            Host = hash.Text("host"),
            ProcessId = hash.ProcessId,
        };
    }
}
