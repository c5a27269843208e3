using System.Globalization;
using System.Text.Json;
using MvmCi.Jobs.Contracts;
using StackExchange.Redis;

namespace MvmCi.Jobs.Redis;

/// <summary>The content-addressed module registry in Redis, with immutable name@version aliases.</summary>
public sealed class ModuleStore(IConnectionMultiplexer redis, RedisKeys keys, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private IDatabase Db => redis.GetDatabase();

    public const string DigestPrefix = ContentDigest.Prefix;

    /// <summary>Stores the bytes once per digest and binds <paramref name="alias"/> (name@version) to them.</summary>
    public async Task<(ModulePutOutcome Outcome, string BoundDigest)> PutAsync(
        string digest, ReadOnlyMemory<byte> bytes, IReadOnlyList<ModuleSymbol> imports,
        IReadOnlyList<ModuleSymbol> exports, string? alias, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = time.GetUtcNow();
        RedisValue[] args =
        [
            digest, now.ToUnixTimeMilliseconds(), bytes, alias ?? "",
            "digest", digest,
            "size", bytes.Length,
            "imports", JsonSerializer.Serialize(imports, Json),
            "exports", JsonSerializer.Serialize(exports, Json),
            "createdAt", now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        ];
        RedisKey aliasKey = alias is null ? keys.Module(digest) : keys.Alias(alias);
        var reply = (RedisResult[])(await Db.ScriptEvaluateAsync(
            JobScripts.PutModule,
            [keys.ModuleBytes(digest), keys.Module(digest), keys.Modules, aliasKey],
            args).ConfigureAwait(false))!;
        var outcome = reply[0].ToString() switch
        {
            "created" => ModulePutOutcome.Created,
            "exists" => ModulePutOutcome.Exists,
            _ => ModulePutOutcome.AliasConflict,
        };
        return (outcome, reply[1].ToString());
    }

    /// <summary>Resolves a digest or name@version to a stored digest; null when unknown.</summary>
    public async Task<string?> ResolveAsync(string reference, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (reference.StartsWith(DigestPrefix, StringComparison.Ordinal))
        {
            return await Db.KeyExistsAsync(keys.Module(reference)).ConfigureAwait(false) ? reference : null;
        }

        var digest = await Db.StringGetAsync(keys.Alias(reference)).ConfigureAwait(false);
        return digest.IsNull ? null : digest.ToString();
    }

    /// <summary>The module's metadata, described as seen through <paramref name="alias"/> when given.</summary>
    public async Task<ModuleRecord?> GetAsync(string digest, string? alias, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var entries = await Db.HashGetAllAsync(keys.Module(digest)).ConfigureAwait(false);
        return entries.Length == 0 ? null : ToRecord(entries, alias);
    }

    public async Task<IReadOnlyList<ModuleRecord>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var digests = await Db.SortedSetRangeByRankAsync(keys.Modules, 0, limit - 1, Order.Descending).ConfigureAwait(false);
        var batch = Db.CreateBatch();
        var reads = digests.Select(d => batch.HashGetAllAsync(keys.Module(d.ToString()))).ToArray();
        batch.Execute();
        var hashes = await Task.WhenAll(reads).ConfigureAwait(false);
        return [.. hashes.Where(h => h.Length > 0).Select(h => ToRecord(h, alias: null))];
    }

    /// <summary>
    /// Deletes the module (bytes, metadata, every alias) unless a job that has not finished uses it.
    /// </summary>
    public async Task<ModuleDeleteOutcome> DeleteAsync(string digest, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var reply = (RedisResult[])(await Db.ScriptEvaluateAsync(JobScripts.DeleteModule,
            [keys.Module(digest), keys.ModuleBytes(digest), keys.Modules, keys.ModuleJobs(digest)],
            [keys.Prefix, digest]).ConfigureAwait(false))!;
        return reply[0].ToString() switch
        {
            "deleted" => new ModuleDeleteOutcome(true, true, []),
            "missing" => new ModuleDeleteOutcome(false, false, []),
            _ => new ModuleDeleteOutcome(true, false, [.. reply.Skip(1).Select(r => r.ToString())]),
        };
    }

    /// <summary>The module's bytes; null when the digest is unknown.</summary>
    public async Task<byte[]?> GetBytesAsync(string digest, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var value = await Db.StringGetAsync(keys.ModuleBytes(digest)).ConfigureAwait(false);
        return value.IsNull ? null : (byte[]?)value;
    }

    /// <summary>
    /// Resolves a reference to what a job runs, in one round trip: the digest and the name the guest
    /// sees as argv[0] (the alias's name, else the module's first alias, else a short digest).
    /// Null when the reference is unknown.
    /// </summary>
    public async Task<(string Digest, string Name)?> ResolveForRunAsync(string reference, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!reference.StartsWith(DigestPrefix, StringComparison.Ordinal))
        {
            // An alias is only ever bound together with its module (PutModule script).
            var bound = await Db.StringGetAsync(keys.Alias(reference)).ConfigureAwait(false);
            return bound.IsNull ? null : (bound.ToString(), reference.Split('@')[0]);
        }

        var values = await Db.HashGetAsync(keys.Module(reference), ["digest", "aliases"]).ConfigureAwait(false);
        if (values[0].IsNull)
        {
            return null;
        }
        var firstAlias = values[1].IsNullOrEmpty ? null : values[1].ToString().Split(' ')[0];
        return (reference, firstAlias?.Split('@')[0] ?? reference[..Math.Min(reference.Length, DigestPrefix.Length + 12)]);
    }

    private static ModuleRecord ToRecord(HashEntry[] entries, string? alias)
    {
        var map = entries.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString(), StringComparer.Ordinal);
        var aliases = map.GetValueOrDefault("aliases", "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string? name = null, version = null;
        if (alias is not null && alias.Split('@') is [var n, var v])
        {
            (name, version) = (n, v);
        }

        return new ModuleRecord
        {
            Digest = map["digest"],
            Size = long.Parse(map["size"], CultureInfo.InvariantCulture),
            Name = name,
            Version = version,
            Imports = JsonSerializer.Deserialize<ModuleSymbol[]>(map["imports"], Json) ?? [],
            Exports = JsonSerializer.Deserialize<ModuleSymbol[]>(map["exports"], Json) ?? [],
            Aliases = aliases,
            CreatedAt = DateTimeOffset.Parse(map["createdAt"], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        };
    }
}
