using Microsoft.Extensions.Options;
using MvmCi.Execution;
using MvmCi.Execution.Files;
using MvmCi.Execution.Host;
using MvmCi.Execution.Modules;
using MvmCi.Execution.Runtime;
using MvmCi.Execution.Wasi;
using MvmCi.Jobs.Contracts;
using Wasmtime;

namespace MvmCi.Testing;

/// <summary>
/// A real executor wired as the Flawless service wires it (one engine, module cache, linkers, sandbox,
/// scratch pool), over in-memory module, blob and journal stores: for executor tests and benchmarks.
/// </summary>
public sealed class InProcessExecutor : IDisposable
{
    private readonly GuestHttp _http;

    public InProcessExecutor(Action<ExecutionOptions>? configure = null)
    {
        var options = new ExecutionOptions();
        configure?.Invoke(options);
        Runtime = new WasmRuntime(Options.Create(options));
        Cache = new CompiledModuleCache(Runtime, Source);
        _http = new GuestHttp(Runtime);
        Linkers = new HostLinkers(Runtime, _http);
        Inspector = new ModuleInspector(Runtime, Linkers);
        Metrics = new ExecutionMetrics();
        Sandbox = new WasiSandbox(Runtime, Linkers, Journal, Metrics);
        Scratch = new ScratchPool(Runtime, Blobs);
        Executor = new WasiExecutor(Cache, Sandbox, Scratch, Runtime, Metrics);
    }

    public InMemoryModuleSource Source { get; } = new();

    public InMemoryBlobStore Blobs { get; } = new();

    public InMemoryJournalStore Journal { get; } = new();

    public WasmRuntime Runtime { get; }

    public CompiledModuleCache Cache { get; }

    public HostLinkers Linkers { get; }

    public ModuleInspector Inspector { get; }

    public WasiSandbox Sandbox { get; }

    public ExecutionMetrics Metrics { get; }

    public WasiExecutor Executor { get; }

    public ScratchPool Scratch { get; }

    /// <summary>Registers a WAT guest under <c>sha256:{name}</c>, compiles it through the cache and returns a request that runs it.</summary>
    public Task<(ExecutionRequest Request, Module Module)> AddGuestAsync(string name, string wat) =>
        AddGuestAsync(name, Module.ConvertText(wat));

    /// <inheritdoc cref="AddGuestAsync(string, string)"/>
    public async Task<(ExecutionRequest Request, Module Module)> AddGuestAsync(string name, byte[] wasm)
    {
        var digest = "sha256:" + name;
        Source.Add(digest, wasm);
        var module = await Cache.GetAsync(digest, CancellationToken.None).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Guest {name} did not compile.");
        var request = new ExecutionRequest
        {
            JobId = Guid.NewGuid().ToString(),
            Attempt = 1,
            ModuleDigest = digest,
            ModuleName = name,
            TimeoutSeconds = 10,
        };
        return (request, module);
    }

    public void Dispose()
    {
        Executor.Dispose();
        Scratch.Dispose();
        Cache.Dispose();
        Linkers.Dispose();
        _http.Dispose();
        Runtime.Dispose();
        Metrics.Dispose();
    }
}
