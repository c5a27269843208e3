using System.Collections.Concurrent;
using System.Security.Cryptography;
using MvmCi.Execution.Files;

namespace MvmCi.Benchmarks;

/// <summary>Blobs by digest, held in memory.</summary>
internal sealed class InMemoryBlobStore : IBlobStore
{
    private readonly ConcurrentDictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);

    public string Add(byte[] bytes)
    {
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
        _blobs[digest] = bytes;
        return digest;
    }

    public Task<byte[]?> GetAsync(string digest, CancellationToken cancellationToken) =>
        Task.FromResult(_blobs.TryGetValue(digest, out var bytes) ? bytes : null);

    public Task<string> PutAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) => Task.FromResult(Add(bytes.ToArray()));
}
