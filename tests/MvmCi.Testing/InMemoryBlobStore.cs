using System.Collections.Concurrent;
using MvmCi.Execution.Files;
using MvmCi.Jobs.Contracts;

namespace MvmCi.Testing;

/// <summary>Blobs by digest, held in memory.</summary>
public sealed class InMemoryBlobStore : IBlobStore
{
    private readonly ConcurrentDictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);

    public string Add(byte[] bytes)
    {
        var digest = ContentDigest.Of(bytes);
        _blobs[digest] = bytes;
        return digest;
    }

    public byte[]? this[string digest] => _blobs.TryGetValue(digest, out var bytes) ? bytes : null;

    public Task<byte[]?> GetAsync(string digest, CancellationToken cancellationToken) => Task.FromResult(this[digest]);

    public Task<string> PutAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) => Task.FromResult(Add(bytes.ToArray()));
}
