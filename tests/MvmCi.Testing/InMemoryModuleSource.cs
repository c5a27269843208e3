using System.Collections.Concurrent;
using MvmCi.Execution.Modules;

namespace MvmCi.Testing;

/// <summary>Module bytes by digest, held in memory.</summary>
public sealed class InMemoryModuleSource : IModuleSource
{
    private readonly ConcurrentDictionary<string, byte[]> _modules = new(StringComparer.Ordinal);

    private int _reads;

    public int Reads => _reads;

    public void Add(string digest, byte[] bytes) => _modules[digest] = bytes;

    public Task<byte[]?> GetBytesAsync(string digest, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        return Task.FromResult(_modules.TryGetValue(digest, out var bytes) ? bytes : null);
    }
}
