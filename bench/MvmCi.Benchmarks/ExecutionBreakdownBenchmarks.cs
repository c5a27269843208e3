using BenchmarkDotNet.Attributes;
using MvmCi.Execution.Files;
using MvmCi.Jobs.Contracts;
using MvmCi.Testing;
using Wasmtime;

namespace MvmCi.Benchmarks;

/// <summary>
/// The pieces of <see cref="ExecutionBenchmarks.Executor_execute_noop"/> measured one at a time, to show where a
/// job's time goes: preopens, the stdout callback, the module cache, the scratch directories and the pool-thread hop.
/// </summary>
[MemoryDiagnoser]
public class ExecutionBreakdownBenchmarks : IDisposable
{
    private InProcessExecutor _host = null!;
    private ScratchSpace _scratch = null!;
    private ExecutionRequest _noopRequest = null!;
    private ExecutionRequest _helloRequest = null!;
    private Module _noop = null!;
    private Module _hello = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _host = new InProcessExecutor();
        (_noopRequest, _noop) = await _host.AddGuestAsync("noop", Guests.Noop);
        (_helloRequest, _hello) = await _host.AddGuestAsync("hello", Guests.Hello);
        _scratch = await _host.Scratch.RentAsync(_noopRequest, CancellationToken.None);
    }

    /// <summary>The raw floor plus the two preopened directories every sandboxed run gets.</summary>
    [Benchmark]
    public void Raw_noop_with_preopens()
    {
        var options = _host.Runtime.Options;
        using var store = NewStore(new WasiConfiguration()
            .WithPreopenedDirectory(_scratch.WorkPath, options.WorkDirectory, mutable: true)
            .WithPreopenedDirectory(_scratch.InputsPath, options.InputsDirectory, mutable: false));
        _host.Linkers.Plain.Instantiate(store, _noop).GetFunction("_start")!.Invoke();
    }

    /// <summary>The hello guest with no stdout configured: one <c>fd_write</c> that goes nowhere.</summary>
    [Benchmark]
    public void Raw_hello_no_stdout()
    {
        using var store = NewStore(new WasiConfiguration());
        _host.Linkers.Plain.Instantiate(store, _hello).GetFunction("_start")!.Invoke();
    }

    /// <summary>The hello guest with a stdout callback (what the sandbox uses): the write is handed to Wasmtime's thread.</summary>
    [Benchmark]
    public void Raw_hello_stdout_callback()
    {
        using var store = NewStore(new WasiConfiguration().WithStandardOutputCallback(static _ => { }));
        _host.Linkers.Plain.Instantiate(store, _hello).GetFunction("_start")!.Invoke();
    }

    /// <summary>The sandbox running the hello guest on the caller's thread, with a scratch space made once.</summary>
    [Benchmark]
    public ExecutionResult Sandbox_run_hello() =>
        _host.Sandbox.Run(_hello, _helloRequest, _scratch, NullObserver.Instance, CancellationToken.None);

    /// <summary>The no-op sandbox run moved to a pool thread as the executor does (<c>Task.Run</c>), then awaited.</summary>
    [Benchmark]
    public Task<ExecutionResult> Sandbox_run_noop_on_pool_thread() =>
        Task.Run(() => _host.Sandbox.Run(_noop, _noopRequest, _scratch, NullObserver.Instance, CancellationToken.None));

    /// <summary>A hit in the compiled-module cache.</summary>
    [Benchmark]
    public Task<Module?> Module_cache_hit() => _host.Cache.GetAsync(_noopRequest.ModuleDigest, CancellationToken.None);

    /// <summary>Renting one job's <c>/work</c> and <c>/inputs</c> (no inputs) from the pool and giving them back empty, as a no-op job does.</summary>
    [Benchmark]
    public async Task Scratch_rent_and_return()
    {
        using var scratch = await _host.Scratch.RentAsync(_noopRequest, CancellationToken.None);
    }

    private Store NewStore(WasiConfiguration wasi)
    {
        var store = new Store(_host.Runtime.Engine);
        store.SetWasiConfiguration(wasi);
        store.Fuel = 1_000_000;
        store.SetEpochDeadline(1_000_000);
        return store;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _scratch?.Dispose();
        _host?.Dispose();
        GC.SuppressFinalize(this);
    }
}
