using System.Collections.Concurrent;
using MvmCi.Execution.Runtime;
using Wasmtime;

namespace MvmCi.Execution.Modules;

/// <summary>
/// Compiled modules by digest. A digest names immutable bytes, so a compiled module never goes stale;
/// concurrent first requests for one digest share a single compilation.
/// </summary>
public sealed class CompiledModuleCache(WasmRuntime runtime, IModuleSource source) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<Module?>>> _modules = new(StringComparer.Ordinal);

    /// <summary>Modules compiled or being compiled.</summary>
    public int Count => _modules.Count;

    /// <summary>The compiled module, or null when the digest is unknown. Throws <see cref="WasmtimeException"/> for invalid bytes.</summary>
    public async Task<Module?> GetAsync(string digest, CancellationToken cancellationToken)
    {
        var entry = _modules.GetOrAdd(digest, d => new Lazy<Task<Module?>>(() => CompileAsync(d)));
        try
        {
            var module = await entry.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (module is null)
            {
                // An unknown digest may be uploaded later: do not remember the miss.
                _modules.TryRemove(KeyValuePair.Create(digest, entry));
            }
            return module;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _modules.TryRemove(KeyValuePair.Create(digest, entry));
            throw;
        }
    }

    private async Task<Module?> CompileAsync(string digest)
    {
        // Not tied to one caller's token: the compiled module serves every caller.
        var bytes = await source.GetBytesAsync(digest, CancellationToken.None).ConfigureAwait(false);
        return bytes is null ? null : Module.FromBytes(runtime.Engine, digest, bytes);
    }

    public void Dispose()
    {
        foreach (var entry in _modules.Values)
        {
            if (entry.IsValueCreated && entry.Value.IsCompletedSuccessfully)
            {
                entry.Value.Result?.Dispose();
            }
        }
        _modules.Clear();
    }
}
