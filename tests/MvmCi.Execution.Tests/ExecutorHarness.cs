using Microsoft.Extensions.Options;
using MvmCi.Execution.Files;
using MvmCi.Execution.Host;
using MvmCi.Execution.Modules;
using MvmCi.Execution.Runtime;
using MvmCi.Execution.Wasi;
using MvmCi.Jobs.Contracts;
using MvmCi.Testing;

namespace MvmCi.Execution.Tests;

/// <summary>A real executor (engine, cache, linkers, sandbox) over the test guests, with in-memory blobs and journals.</summary>
internal sealed class ExecutorHarness : IDisposable, IExecutionObserver
{
    private readonly WasmRuntime _runtime;
    private readonly CompiledModuleCache _cache;
    private readonly GuestHttp _http;
    private readonly HostLinkers _linkers;

    public ExecutorHarness(Action<ExecutionOptions>? configure = null)
    {
        var options = new ExecutionOptions();
        configure?.Invoke(options);
        _runtime = new WasmRuntime(Options.Create(options));
        _cache = new CompiledModuleCache(_runtime, Source);
        _http = new GuestHttp(_runtime);
        _linkers = new HostLinkers(_runtime, _http);
        Inspector = new ModuleInspector(_runtime, _linkers);
        Scratch = new ScratchPool(_runtime, Blobs);
        Executor = new WasiExecutor(_cache, new WasiSandbox(_runtime, _linkers, Journal), Scratch, Blobs, _runtime);
    }

    public InMemoryModuleSource Source { get; } = new();

    public InMemoryBlobStore Blobs { get; } = new();

    public InMemoryJournalStore Journal { get; } = new();

    public WasiExecutor Executor { get; }

    public ScratchPool Scratch { get; }

    public ModuleInspector Inspector { get; }

    public int StartedCalls { get; private set; }

    /// <summary>The live output pieces of the runs, in order.</summary>
    public List<(string Stream, string Text)> Output { get; } = [];

    public List<JobProgress> Progress { get; } = [];

    /// <summary>Runs a .wat guest of tests/Guests.</summary>
    public Task<ExecutionResult> RunAsync(
        string guest, string[]? args = null, Dictionary<string, string>? env = null, string? stdin = null, int timeoutSeconds = 10,
        CancellationToken cancellationToken = default) =>
        RunAsync(guest, Guests.Wasm(guest), new Job { Args = args ?? [], Env = env ?? [], Stdin = stdin, TimeoutSeconds = timeoutSeconds },
            cancellationToken);

    /// <summary>Runs a guest built by scripts/build-guests.sh.</summary>
    public Task<ExecutionResult> RunBuiltAsync(string guest, Job job, CancellationToken cancellationToken = default) =>
        RunAsync(guest, Guests.Built(guest), job, cancellationToken);

    public async Task<ExecutionResult> RunAsync(string name, byte[] wasm, Job job, CancellationToken cancellationToken = default)
    {
        var digest = "sha256:" + name;
        Source.Add(digest, wasm);
        var request = new ExecutionRequest
        {
            JobId = job.JobId,
            Attempt = job.Attempt,
            ModuleDigest = digest,
            ModuleName = name,
            Args = job.Args,
            Env = job.Env,
            Stdin = job.Stdin,
            TimeoutSeconds = job.TimeoutSeconds,
            Input = job.Input,
            Durable = job.Durable,
            Inputs = [.. job.Inputs.Select(pair => new InputFile(pair.Key, Blobs.Add(pair.Value)))],
            Outputs = job.Outputs,
        };
        return await Executor.ExecuteAsync(request, this, cancellationToken);
    }

    void IExecutionObserver.OnStarted() => StartedCalls++;

    void IExecutionObserver.OnOutput(string stream, string text)
    {
        lock (Output)
        {
            Output.Add((stream, text));
        }
    }

    void IExecutionObserver.OnProgress(JobProgress progress)
    {
        lock (Progress)
        {
            Progress.Add(progress);
        }
    }

    public void Dispose()
    {
        Executor.Dispose();
        Scratch.Dispose();
        _cache.Dispose();
        _linkers.Dispose();
        _http.Dispose();
        _runtime.Dispose();
    }

    /// <summary>What a test job asks for.</summary>
    internal sealed record Job
    {
        public string JobId { get; init; } = Guid.NewGuid().ToString();
        public int Attempt { get; init; } = 1;
        public IReadOnlyList<string> Args { get; init; } = [];
        public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();
        public string? Stdin { get; init; }
        public int TimeoutSeconds { get; init; } = 10;
        public string? Input { get; init; }
        public bool Durable { get; init; }
        public IReadOnlyDictionary<string, byte[]> Inputs { get; init; } = new Dictionary<string, byte[]>();
        public IReadOnlyList<string> Outputs { get; init; } = [];
    }
}
