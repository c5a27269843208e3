using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using MvmCi.Jobs.Redis;
using MvmCi.Jobs.Security;
using StackExchange.Redis;

namespace MvmCi.ControlPlane.Security;

/// <summary>
/// Checks a presented key: the bootstrap admin key from configuration, or a stored key (one Redis read, then remembered
/// for <see cref="AccessOptions.KeyCacheSeconds"/>). A revocation announced on pub/sub removes the key from every
/// control plane's memory at once. Unknown keys are remembered too, so guessing costs no Redis reads.
/// </summary>
public sealed class ApiKeyValidator : IDisposable
{
    private const int MaxRemembered = 10_000;

    private readonly ApiKeyStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _ttl;
    private readonly string? _bootstrapHash;
    private readonly ConcurrentDictionary<string, (Caller? Caller, DateTimeOffset Until)> _remembered = new(StringComparer.Ordinal);
    private readonly ChannelMessageQueue? _revocations;

    public ApiKeyValidator(ApiKeyStore store, IConnectionMultiplexer redis, RedisKeys keys, IOptions<AccessOptions> options, TimeProvider time)
    {
        _store = store;
        _time = time;
        _ttl = TimeSpan.FromSeconds(options.Value.KeyCacheSeconds);
        _bootstrapHash = string.IsNullOrEmpty(options.Value.AdminKey) ? null : ApiKeyFormat.Hash(options.Value.AdminKey);
        if (_ttl > TimeSpan.Zero)
        {
            _revocations = redis.GetSubscriber().Subscribe(RedisChannel.Literal(keys.ApiKeyRevoked));
            _revocations.OnMessage(message => Forget(message.Message.ToString()));
        }
    }

    /// <summary>The caller <paramref name="key"/> belongs to; null when it is no valid key.</summary>
    public async Task<Caller?> ValidateAsync(string key, CancellationToken cancellationToken)
    {
        var hash = ApiKeyFormat.Hash(key);
        if (_bootstrapHash is not null && ApiKeyFormat.HashesMatch(hash, _bootstrapHash))
        {
            return new Caller(Caller.BootstrapId, "bootstrap admin key", ApiRoles.Admin, null, null);
        }
        var now = _time.GetUtcNow();
        if (_remembered.TryGetValue(hash, out var known) && known.Until > now)
        {
            return known.Caller;
        }
        var record = await _store.FindAsync(key, cancellationToken);
        var caller = record is null ? null : new Caller(record.Id, record.Name, record.Role, record.SubmitsPerMinute, record.UploadsPerMinute);
        if (_ttl > TimeSpan.Zero)
        {
            if (_remembered.Count >= MaxRemembered)
            {
                _remembered.Clear();
            }
            _remembered[hash] = (caller, now + _ttl);
        }
        return caller;
    }

    /// <summary>Forgets a revoked key (by id) at once.</summary>
    public void Forget(string keyId)
    {
        foreach (var (hash, entry) in _remembered)
        {
            if (entry.Caller?.Id == keyId)
            {
                _remembered.TryRemove(hash, out _);
            }
        }
    }

    public void Dispose() => _revocations?.Unsubscribe();
}
