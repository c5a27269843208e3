using System.Collections.Concurrent;
using System.Security.Cryptography;
using MvmCi.Execution.Files;

namespace MvmCi.Testing;

/// <summary>Blobs by digest, held in memory.</summary>
public sealed class InMemoryBlobStore : IBlobStore
{
    private readonly ConcurrentDictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);

    public string Add(byte[] bytes)
    {
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
        _blobs[digest] = bytes;
        return digest;
    }

    public byte[]? this[string digest] => _blobs.TryGetValue(digest, out var bytes) ? bytes : null;

    public Task<byte[]?> GetAsync(string digest, CancellationToken cancellationToken) => Task.FromResult(this[digest]);

    public Task<string> PutAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) => Task.FromResult(Add(bytes.ToArray()));
}
