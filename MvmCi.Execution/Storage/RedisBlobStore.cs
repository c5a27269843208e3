using MvmCi.Execution.Files;
using MvmCi.Jobs.Redis;

namespace MvmCi.Execution.Storage;

/// <summary>Job inputs and artifacts as blobs in Redis.</summary>
public sealed class RedisBlobStore(BlobStore blobs) : IBlobStore
{
    public Task<byte[]?> GetAsync(string digest, CancellationToken cancellationToken) => blobs.GetAsync(digest, cancellationToken);

    public async Task<string> PutAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        (await blobs.PutAsync(bytes, cancellationToken).ConfigureAwait(false)).Digest;
}
