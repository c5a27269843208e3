using Microsoft.Extensions.Options;
using MvmCi.Execution;
using MvmCi.Execution.Files;
using MvmCi.Execution.Host;
using MvmCi.Execution.Modules;
using MvmCi.Execution.Runtime;
using MvmCi.Execution.Wasi;
using MvmCi.Jobs.Contracts;
using MvmCi.Testing;
using Wasmtime;

namespace MvmCi.Benchmarks;

/// <summary>
/// A real executor wired as the service wires it (one engine, module cache, linkers, sandbox), over
/// in-memory module, blob and journal stores. Like tests/MvmCi.Execution.Tests/ExecutorHarness.cs.
/// </summary>
internal sealed class ExecutorHost : IDisposable
{
    private readonly GuestHttp _http;

    public ExecutorHost(Action<ExecutionOptions>? configure = null)
    {
        var options = new ExecutionOptions();
        configure?.Invoke(options);
        Runtime = new WasmRuntime(Options.Create(options));
        Cache = new CompiledModuleCache(Runtime, Source);
        _http = new GuestHttp(Runtime);
        Linkers = new HostLinkers(Runtime, _http);
        Sandbox = new WasiSandbox(Runtime, Linkers, Journal);
        Scratch = new ScratchPool(Runtime, Blobs);
        Executor = new WasiExecutor(Cache, Sandbox, Scratch, Blobs, Runtime);
    }

    public InMemoryModuleSource Source { get; } = new();

    public InMemoryBlobStore Blobs { get; } = new();

    public InMemoryJournalStore Journal { get; } = new();

    public WasmRuntime Runtime { get; }

    public CompiledModuleCache Cache { get; }

    public HostLinkers Linkers { get; }

    public WasiSandbox Sandbox { get; }

    public WasiExecutor Executor { get; }

    public ScratchPool Scratch { get; }

    /// <summary>Registers a WAT guest under <c>sha256:{name}</c>, compiles it through the cache and returns a request that runs it.</summary>
    public async Task<(ExecutionRequest Request, Module Module)> AddGuestAsync(string name, string wat)
    {
        var digest = "sha256:" + name;
        Source.Add(digest, Module.ConvertText(wat));
        var module = await Cache.GetAsync(digest, CancellationToken.None).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Guest {name} did not compile.");
        var request = new ExecutionRequest
        {
            JobId = "bench-" + name,
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
    }
}
