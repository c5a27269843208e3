using System.Collections.Concurrent;
using MvmCi.Execution.Modules;

namespace MvmCi.Benchmarks;

/// <summary>Module bytes by digest, held in memory.</summary>
internal sealed class InMemoryModuleSource : IModuleSource
{
    private readonly ConcurrentDictionary<string, byte[]> _modules = new(StringComparer.Ordinal);

    public void Add(string digest, byte[] bytes) => _modules[digest] = bytes;

    public Task<byte[]?> GetBytesAsync(string digest, CancellationToken cancellationToken) =>
        Task.FromResult(_modules.TryGetValue(digest, out var bytes) ? bytes : null);
}
