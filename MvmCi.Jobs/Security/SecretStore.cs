using System.Globalization;
using MvmCi.Jobs.Redis;
using StackExchange.Redis;

namespace MvmCi.Jobs.Security;

/// <summary>Named job secrets in Redis, encrypted (<see cref="SecretCipher"/>); set and removed by an admin, read by workers.</summary>
public sealed class SecretStore(IConnectionMultiplexer redis, RedisKeys keys, SecretCipher cipher, TimeProvider time)
{
    private IDatabase Db => redis.GetDatabase();

    /// <summary>Sets (or replaces) a secret; answers whether it is new.</summary>
    public async Task<(SecretRecord Record, bool Created)> SetAsync(string name, string value, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = time.GetUtcNow();
        var created = (int)await Db.ScriptEvaluateAsync(SecurityScripts.SetSecret, [keys.Secret(name), keys.Secrets],
            [name, now.ToUnixTimeMilliseconds(), cipher.Encrypt(name, value), now.ToString("O", CultureInfo.InvariantCulture)]).ConfigureAwait(false);
        return (new SecretRecord(name, now), created == 1);
    }

    public async Task<IReadOnlyList<SecretRecord>> ListAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var entries = await Db.SortedSetRangeByRankWithScoresAsync(keys.Secrets).ConfigureAwait(false);
        return [.. entries.Select(e => new SecretRecord(e.Element.ToString(), DateTimeOffset.FromUnixTimeMilliseconds((long)e.Score)))];
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return (int)await Db.ScriptEvaluateAsync(SecurityScripts.DeleteSecret, [keys.Secret(name), keys.Secrets], [name]).ConfigureAwait(false) == 1;
    }

    /// <summary>The names among <paramref name="names"/> that no secret has.</summary>
    public async Task<IReadOnlyList<string>> MissingAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var distinct = names.Distinct(StringComparer.Ordinal).ToArray();
        var batch = Db.CreateBatch();
        var checks = distinct.Select(n => batch.KeyExistsAsync(keys.Secret(n))).ToArray();
        batch.Execute();
        var missing = new List<string>();
        for (var i = 0; i < distinct.Length; i++)
        {
            if (!await checks[i].ConfigureAwait(false))
            {
                missing.Add(distinct[i]);
            }
        }
        return missing;
    }

    /// <summary>Reads and decrypts the named secrets.</summary>
    public async Task<SecretResolution> ResolveAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var distinct = names.Distinct(StringComparer.Ordinal).ToArray();
        var batch = Db.CreateBatch();
        var reads = distinct.Select(n => batch.HashGetAsync(keys.Secret(n), "value")).ToArray();
        batch.Execute();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var unavailable = new List<string>();
        for (var i = 0; i < distinct.Length; i++)
        {
            var sealedValue = await reads[i].ConfigureAwait(false);
            if (!sealedValue.IsNull && cipher.Decrypt(distinct[i], sealedValue.ToString()) is { } value)
            {
                values[distinct[i]] = value;
            }
            else
            {
                unavailable.Add(distinct[i]);
            }
        }
        return new SecretResolution(values, unavailable);
    }
}
