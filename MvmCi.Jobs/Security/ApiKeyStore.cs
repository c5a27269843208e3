using System.Globalization;
using MvmCi.Jobs.Redis;
using StackExchange.Redis;

namespace MvmCi.Jobs.Security;

/// <summary>API keys in Redis: created by an admin, stored as a SHA-256 hash, found by the id inside the key, revoked at once.</summary>
public sealed class ApiKeyStore(IConnectionMultiplexer redis, RedisKeys keys, TimeProvider time)
{
    private IDatabase Db => redis.GetDatabase();

    public async Task<CreatedApiKey> CreateAsync(string name, string role, int? submitsPerMinute, int? uploadsPerMinute, CancellationToken cancellationToken)
    {
        if (!ApiRoles.IsKnown(role))
        {
            throw new ArgumentException($"Unknown role '{role}'.", nameof(role));
        }
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (id, key) = ApiKeyFormat.New();
            var now = time.GetUtcNow();
            RedisValue[] args =
            [
                id, now.ToUnixTimeMilliseconds(),
                "hash", ApiKeyFormat.Hash(key),
                "name", name,
                "role", role,
                "submitsPerMinute", submitsPerMinute?.ToString(CultureInfo.InvariantCulture) ?? "",
                "uploadsPerMinute", uploadsPerMinute?.ToString(CultureInfo.InvariantCulture) ?? "",
                "createdAt", now.ToString("O", CultureInfo.InvariantCulture),
            ];
            var created = (int)await Db.ScriptEvaluateAsync(SecurityScripts.CreateApiKey, [keys.ApiKey(id), keys.ApiKeys], args).ConfigureAwait(false);
            if (created == 1)
            {
                return new CreatedApiKey(new ApiKeyRecord(id, name, role, submitsPerMinute, uploadsPerMinute, now), key);
            }
            // 36^10 ids: a collision is astronomically rare, but a new id is cheap.
        }
    }

    /// <summary>The key <paramref name="key"/> proves, or null when it is not a stored key (unknown, revoked, wrong secret).</summary>
    public async Task<ApiKeyRecord?> FindAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (ApiKeyFormat.IdOf(key) is not { } id)
        {
            return null;
        }
        var fields = await Db.HashGetAllAsync(keys.ApiKey(id)).ConfigureAwait(false);
        var record = ToRecord(id, fields, out var hash);
        return record is not null && ApiKeyFormat.HashesMatch(hash, ApiKeyFormat.Hash(key)) ? record : null;
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var ids = await Db.SortedSetRangeByRankAsync(keys.ApiKeys).ConfigureAwait(false);
        var batch = Db.CreateBatch();
        var reads = ids.Select(id => batch.HashGetAllAsync(keys.ApiKey(id.ToString()))).ToArray();
        batch.Execute();
        var records = new List<ApiKeyRecord>(ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            if (ToRecord(ids[i].ToString(), await reads[i].ConfigureAwait(false), out _) is { } record)
            {
                records.Add(record);
            }
        }
        return records;
    }

    /// <summary>Removes the key and tells every control plane to forget it; false when no key has this id.</summary>
    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return (int)await Db.ScriptEvaluateAsync(SecurityScripts.RevokeApiKey, [keys.ApiKey(id), keys.ApiKeys], [id, keys.ApiKeyRevoked])
            .ConfigureAwait(false) == 1;
    }

    private static ApiKeyRecord? ToRecord(string id, HashEntry[] fields, out string hash)
    {
        var map = fields.ToDictionary(f => f.Name.ToString(), f => f.Value.ToString(), StringComparer.Ordinal);
        hash = map.GetValueOrDefault("hash") ?? "";
        if (hash.Length == 0 || !map.TryGetValue("role", out var role) || !ApiRoles.IsKnown(role))
        {
            return null;
        }
        int? Rate(string field) => int.TryParse(map.GetValueOrDefault(field), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : null;
        var createdAt = DateTimeOffset.TryParse(map.GetValueOrDefault("createdAt"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? at : DateTimeOffset.UnixEpoch;
        return new ApiKeyRecord(id, map.GetValueOrDefault("name") ?? "", role, Rate("submitsPerMinute"), Rate("uploadsPerMinute"), createdAt);
    }
}
