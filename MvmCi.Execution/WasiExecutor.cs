using System.Diagnostics;
using MvmCi.Execution.Files;
using MvmCi.Execution.Modules;
using MvmCi.Execution.Runtime;
using MvmCi.Execution.Wasi;
using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.State;
using Wasmtime;

namespace MvmCi.Execution;

/// <summary>
/// Runs execution requests: fetches and compiles the module once per digest, waits for a free
/// slot, prepares the scratch directories, runs the guest on a pool thread, then collects its artifacts.
/// </summary>
public sealed class WasiExecutor : IDisposable
{
    private readonly CompiledModuleCache _modules;
    private readonly WasiSandbox _sandbox;
    private readonly ScratchPool _scratch;
    private readonly ExecutionOptions _options;
    private readonly SemaphoreSlim _slots;

    private readonly ExecutionMetrics _metrics;
    private int _running;
    private long _completed;
    private long _failed;

    public WasiExecutor(
        CompiledModuleCache modules, WasiSandbox sandbox, ScratchPool scratch, WasmRuntime runtime, ExecutionMetrics metrics)
    {
        _metrics = metrics;
        _modules = modules;
        _sandbox = sandbox;
        _scratch = scratch;
        _options = runtime.Options;
        _slots = new SemaphoreSlim(_options.MaxConcurrency, _options.MaxConcurrency);
        ReserveThreads(_options.MaxConcurrency);
    }

    /// <summary>
    /// A guest runs synchronously on a pool thread for as long as it runs. With all slots busy on a small machine the
    /// pool would have no thread left for the process's own work (answering requests, renewing leases, heartbeats) and
    /// would add threads only slowly: keep enough threads ready for every slot plus one per core.
    /// </summary>
    private static void ReserveThreads(int slots)
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        var needed = slots + Environment.ProcessorCount;
        if (workers < needed)
        {
            ThreadPool.SetMinThreads(needed, io);
        }
    }

    /// <summary>Guests this executor runs at once at most.</summary>
    public int Slots => _options.MaxConcurrency;

    /// <summary>Guests running now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Runs that ended with exit code 0, and runs that did not, since the executor started.</summary>
    public (long Completed, long Failed) Outcomes => (Interlocked.Read(ref _completed), Interlocked.Read(ref _failed));

    /// <summary>Compiled modules in the cache.</summary>
    public int ModulesCached => _modules.Count;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, IExecutionObserver observer, CancellationToken cancellationToken)
    {
        Module? module;
        try
        {
            module = await _modules.GetAsync(request.ModuleDigest, cancellationToken).ConfigureAwait(false);
        }
        catch (WasmtimeException ex)
        {
            return new ExecutionResult { FailureReason = FailureReasons.InvalidModule, FailureMessage = ex.Message };
        }

        if (module is null)
        {
            return new ExecutionResult
            {
                FailureReason = FailureReasons.ModuleNotFound,
                FailureMessage = $"No module with digest {request.ModuleDigest} is in the registry.",
            };
        }

        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ScratchSpace scratch;
            try
            {
                scratch = await _scratch.RentAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (InputUnavailableException ex)
            {
                return new ExecutionResult { FailureReason = FailureReasons.InputUnavailable, FailureMessage = ex.Message };
            }

            using (scratch)
            {
                var started = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref _running);
                ExecutionResult result;
                try
                {
                    result = await Task.Run(() => _sandbox.Run(module, request, scratch, observer, cancellationToken), cancellationToken)
                        .ConfigureAwait(false);
                }
                finally
                {
                    Interlocked.Decrement(ref _running);
                }
                Interlocked.Increment(ref result.Succeeded ? ref _completed : ref _failed);
                _metrics.Ran(Stopwatch.GetElapsedTime(started), result.FuelConsumed, result.FailureReason);
                if (request.Outputs.Count == 0)
                {
                    return result;
                }
                // Collected whatever the outcome: the files a failed job left are often what explains it.
                var artifacts = await scratch.CollectAsync(request.Outputs, _options.MaxArtifactBytes, cancellationToken).ConfigureAwait(false);
                return result with { Artifacts = artifacts };
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
