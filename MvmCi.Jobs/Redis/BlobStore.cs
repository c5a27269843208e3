using MvmCi.Jobs.Contracts;
using StackExchange.Redis;

namespace MvmCi.Jobs.Redis;

/// <summary>Content-addressed blobs in Redis: job inputs uploaded by users and artifacts collected from runs.</summary>
public sealed class BlobStore(IConnectionMultiplexer redis, RedisKeys keys)
{
    private IDatabase Db => redis.GetDatabase();

    /// <summary>Stores the bytes under their digest; returns the digest and whether they were new.</summary>
    public async Task<(string Digest, bool Created)> PutAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var digest = ContentDigest.Of(bytes.Span);
        var created = await Db.StringSetAsync(keys.Blob(digest), bytes, when: When.NotExists).ConfigureAwait(false);
        return (digest, created);
    }

    public async Task<byte[]?> GetAsync(string digest, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var value = await Db.StringGetAsync(keys.Blob(digest)).ConfigureAwait(false);
        return value.IsNull ? null : (byte[]?)value;
    }

    /// <summary>Which of <paramref name="digests"/> are not stored.</summary>
    public async Task<IReadOnlyList<string>> MissingAsync(IReadOnlyList<string> digests, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var batch = Db.CreateBatch();
        var checks = digests.Select(d => batch.KeyExistsAsync(keys.Blob(d))).ToArray();
        batch.Execute();
        var exists = await Task.WhenAll(checks).ConfigureAwait(false);
        return [.. digests.Where((_, i) => !exists[i])];
    }
}
