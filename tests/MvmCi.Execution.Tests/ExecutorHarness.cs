using Microsoft.Extensions.Options;
using MvmCi.Execution.Modules;
using MvmCi.Execution.Runtime;
using MvmCi.Execution.Wasi;
using MvmCi.Jobs.Contracts;
using MvmCi.Testing;

namespace MvmCi.Execution.Tests;

/// <summary>A real executor (engine, cache, sandbox) over the test guests.</summary>
internal sealed class ExecutorHarness : IDisposable
{
    private readonly WasmRuntime _runtime;
    private readonly CompiledModuleCache _cache;

    public ExecutorHarness(Action<ExecutionOptions>? configure = null)
    {
        var options = new ExecutionOptions();
        configure?.Invoke(options);
        _runtime = new WasmRuntime(Options.Create(options));
        _cache = new CompiledModuleCache(_runtime, Source);
        Executor = new WasiExecutor(_cache, new WasiSandbox(_runtime), _runtime);
    }

    public InMemoryModuleSource Source { get; } = new();

    public WasiExecutor Executor { get; }

    public int StartedCalls { get; private set; }

    /// <summary>The live output pieces of the runs, in order.</summary>
    public List<(string Stream, string Text)> Output { get; } = [];

    public async Task<ExecutionResult> RunAsync(
        string guest, string[]? args = null, Dictionary<string, string>? env = null, string? stdin = null, int timeoutSeconds = 10,
        CancellationToken cancellationToken = default)
    {
        var digest = "sha256:" + guest;
        Source.Add(digest, Guests.Wasm(guest));
        var request = new ExecutionRequest
        {
            JobId = Guid.NewGuid().ToString(),
            Attempt = 1,
            ModuleDigest = digest,
            ModuleName = guest,
            Args = args ?? [],
            Env = env ?? [],
            Stdin = stdin,
            TimeoutSeconds = timeoutSeconds,
        };
        return await Executor.ExecuteAsync(request, () => StartedCalls++, (stream, text) => Output.Add((stream, text)), cancellationToken);
    }

    public void Dispose()
    {
        Executor.Dispose();
        _cache.Dispose();
        _runtime.Dispose();
    }
}
