namespace MvmCi.Execution.Files;

/// <summary>Content-addressed bytes: job inputs are read from it, artifacts are written to it.</summary>
public interface IBlobStore
{
    /// <summary>The blob's bytes, or null when no blob has that digest.</summary>
    Task<byte[]?> GetAsync(string digest, CancellationToken cancellationToken);

    /// <summary>Stores the bytes and returns their digest (<c>sha256:…</c>); storing the same bytes twice is a no-op.</summary>
    Task<string> PutAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken);
}
