using BenchmarkDotNet.Attributes;
using MvmCi.Execution.Files;
using MvmCi.Jobs.Contracts;
using MvmCi.Testing;
using Wasmtime;

namespace MvmCi.Benchmarks;

/// <summary>
/// One no-op (or one-line) WASI job, from the bare Wasmtime floor up to the executor's whole in-process path.
/// The module is compiled once in setup: compilation is cached per digest and is not part of a job.
/// </summary>
[MemoryDiagnoser]
public class ExecutionBenchmarks : IDisposable
{
    private InProcessExecutor _host = null!;
    private ScratchSpace _scratch = null!;
    private ExecutionRequest _noopRequest = null!;
    private ExecutionRequest _helloRequest = null!;
    private Module _noop = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _host = new InProcessExecutor();
        (_noopRequest, _noop) = await _host.AddGuestAsync("noop", Guests.Noop);
        (_helloRequest, _) = await _host.AddGuestAsync("hello", Guests.Hello);
        _scratch = await _host.Scratch.RentAsync(_noopRequest, CancellationToken.None);
    }

    /// <summary>
    /// The floor: a fresh store with an empty WASI configuration, instantiate with the shared linker, call
    /// <c>_start</c>. The engine meters fuel and epochs, so the store gets fuel and a far deadline, nothing else.
    /// </summary>
    [Benchmark(Baseline = true)]
    public void Instantiate_and_run_noop_raw()
    {
        using var store = new Store(_host.Runtime.Engine);
        store.SetWasiConfiguration(new WasiConfiguration());
        store.Fuel = 1_000_000;
        store.SetEpochDeadline(1_000_000);
        var instance = _host.Linkers.Plain.Instantiate(store, _noop);
        instance.GetFunction("_start")!.Invoke();
    }

    /// <summary>The sandbox on the caller's thread, with a scratch space made once: store, limits, preopens, host context, result.</summary>
    [Benchmark]
    public ExecutionResult Sandbox_run_noop() =>
        _host.Sandbox.Run(_noop, _noopRequest, _scratch, NullObserver.Instance, CancellationToken.None);

    /// <summary>The whole per-job path in-process: cached module, slot, scratch directories rented from the pool, pool thread, result.</summary>
    [Benchmark]
    public Task<ExecutionResult> Executor_execute_noop() =>
        _host.Executor.ExecuteAsync(_noopRequest, NullObserver.Instance, CancellationToken.None);

    /// <summary>As <see cref="Executor_execute_noop"/>, with one <c>fd_write</c> of a line to the captured stdout.</summary>
    [Benchmark]
    public Task<ExecutionResult> Executor_execute_hello() =>
        _host.Executor.ExecuteAsync(_helloRequest, NullObserver.Instance, CancellationToken.None);

    [GlobalCleanup]
    public void Dispose()
    {
        _scratch?.Dispose();
        _host?.Dispose();
        GC.SuppressFinalize(this);
    }
}
