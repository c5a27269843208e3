using MvmCi.Execution.Modules;
using MvmCi.Jobs.Redis;

namespace MvmCi.Execution.Storage;

/// <summary>Module bytes from the registry in Redis; compiled once per digest by the cache in front of it.</summary>
public sealed class RegistryModuleSource(ModuleStore modules) : IModuleSource
{
    public Task<byte[]?> GetBytesAsync(string digest, CancellationToken cancellationToken) =>
        modules.GetBytesAsync(digest, cancellationToken);
}
