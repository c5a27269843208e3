using MvmCi.Jobs.Contracts;
using StackExchange.Redis;

namespace MvmCi.Jobs.Redis;

/// <summary>
/// Executors heartbeat here (hash <c>{p}:executor:{id}</c>, set <c>{p}:executors</c>), like workers do in
/// <see cref="WorkerRegistry"/>: one not seen for <see cref="WorkerRegistry.OfflineAfter"/> is shown offline,
/// and one gone for a day drops out of the list.
/// </summary>
public sealed class ExecutorRegistry(IConnectionMultiplexer redis, RedisKeys keys, TimeProvider time)
{
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromDays(1);

    private IDatabase Db => redis.GetDatabase();

    public async Task HeartbeatAsync(ExecutorRecord executor, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = keys.Executor(executor.Id);
        var batch = Db.CreateBatch();
        var write = batch.HashSetAsync(key,
        [
            new("id", executor.Id),
            new("kind", executor.Kind),
            new("worker", executor.WorkerId ?? ""),
            new("slots", executor.Slots),
            new("running", executor.Running),
            new("completed", executor.Completed),
            new("failed", executor.Failed),
            new("modules", executor.ModulesCached),
            new("state", executor.State),
            new("lastSeen", JobStore.Format(time.GetUtcNow())),
            new("startedAt", JobStore.Format(executor.StartedAt)),
            new("host", executor.Host ?? ""),
            new("pid", executor.ProcessId ?? 0),
        ]);
        var expire = batch.KeyExpireAsync(key, ForgetAfter);
        var add = batch.SetAddAsync(keys.Executors, executor.Id);
        batch.Execute();
        await Task.WhenAll(write, expire, add).ConfigureAwait(false);
    }

    /// <summary>Every executor that reported in the last day, by id; ids whose hash expired are pruned from the set.</summary>
    public async Task<IReadOnlyList<ExecutorRecord>> ListAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var ids = await Db.SetMembersAsync(keys.Executors).ConfigureAwait(false);
        var batch = Db.CreateBatch();
        var reads = ids.Select(id => batch.HashGetAllAsync(keys.Executor(id.ToString()))).ToArray();
        batch.Execute();
        var hashes = await Task.WhenAll(reads).ConfigureAwait(false);
        var gone = ids.Where((_, i) => hashes[i].Length == 0).ToArray();
        if (gone.Length > 0)
        {
            await Db.SetRemoveAsync(keys.Executors, gone).ConfigureAwait(false);
        }
        return [.. hashes.Where(h => h.Length > 0).Select(ToRecord).OrderBy(e => e.Id, StringComparer.Ordinal)];
    }

    private ExecutorRecord ToRecord(HashEntry[] entries)
    {
        var hash = new HeartbeatHash(entries);
        return new ExecutorRecord
        {
            Id = hash.Id,
            Kind = hash.Text("kind") ?? ExecutorRecord.ServiceKind,
            WorkerId = hash.Text("worker"),
            Slots = (int)hash.Number("slots"),
            Running = (int)hash.Number("running"),
            Completed = hash.Number("completed"),
            Failed = hash.Number("failed"),
            ModulesCached = (int)hash.Number("modules"),
            State = hash.State(time.GetUtcNow(), reported: WorkerRegistry.Online),
            LastSeen = hash.Time("lastSeen"),
            StartedAt = hash.Time("startedAt"),
            Host = hash.Text("host"),
            ProcessId = hash.ProcessId,
        };
    }
}
