using MvmCi.Execution.Files;
using MvmCi.Execution.Modules;
using MvmCi.Execution.Runtime;
using MvmCi.Jobs.Contracts;
using MvmCi.Testing;

namespace MvmCi.Execution.Tests;

/// <summary>A real executor (see <see cref="InProcessExecutor"/>) over the test guests, recording what the runs report.</summary>
internal sealed class ExecutorHarness : IDisposable, IExecutionObserver
{
    private readonly InProcessExecutor _host;

    public ExecutorHarness(Action<ExecutionOptions>? configure = null) => _host = new InProcessExecutor(configure);

    public InMemoryModuleSource Source => _host.Source;

    public InMemoryBlobStore Blobs => _host.Blobs;

    public InMemoryJournalStore Journal => _host.Journal;

    public WasiExecutor Executor => _host.Executor;

    public ScratchPool Scratch => _host.Scratch;

    public ModuleInspector Inspector => _host.Inspector;

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
            HttpAllowedHosts = job.HttpAllowedHosts,
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

    public void Dispose() => _host.Dispose();

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
        public IReadOnlyList<string> HttpAllowedHosts { get; init; } = [];
    }
}
