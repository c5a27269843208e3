using System.Diagnostics;
using MvmCi.Execution.Durable;
using MvmCi.Execution.Files;
using MvmCi.Execution.Host;
using MvmCi.Execution.Runtime;
using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.State;
using Wasmtime;

namespace MvmCi.Execution.Wasi;

/// <summary>
/// Runs one WASI preview1 command module in a fresh store: args, env and stdin from the request,
/// stdout and stderr captured up to the cap, <c>/work</c> and <c>/inputs</c> preopened, no inherited environment,
/// no sockets. Fuel, an epoch deadline and memory/table limits bound it. Every way it can end is
/// mapped to an <see cref="ExecutionResult"/>; nothing the guest does escapes as an exception.
/// </summary>
public sealed class WasiSandbox(WasmRuntime runtime, HostLinkers linkers, IJournalStore journal, ExecutionMetrics metrics)
{
    private const string StartExport = "_start";

    /// <param name="scratch">The directories behind <c>/work</c> and <c>/inputs</c>.</param>
    /// <param name="observer">Told when the guest starts, of each piece of output kept and of progress.</param>
    /// <param name="cancellationToken">Interrupts the guest (at the next epoch tick) when cancelled.</param>
    public ExecutionResult Run(
        Module module, ExecutionRequest request, ScratchSpace scratch, IExecutionObserver observer, CancellationToken cancellationToken)
    {
        var options = runtime.Options;
        var stdout = new CappedOutput(options.MaxOutputBytes, text => observer.OnOutput(OutputStreams.Stdout, text));
        var stderr = new CappedOutput(options.MaxOutputBytes, text => observer.OnOutput(OutputStreams.Stderr, text));
        string? stdinPath = null;
        var clock = Stopwatch.StartNew();
        HostContext? host = null;
        ulong fuel = (ulong)options.FuelPerExecution;
        long memoryBytes = 0;
        ExecutionResult Result(int? exitCode, string? reason, string? message) => new()
        {
            ExitCode = exitCode,
            Stdout = stdout.ToString(),
            Stderr = stderr.ToString(),
            StdoutTruncated = stdout.Truncated,
            StderrTruncated = stderr.Truncated,
            FailureReason = reason,
            FailureMessage = message,
            DurationMs = clock.ElapsedMilliseconds,
            FuelConsumed = (ulong)options.FuelPerExecution - fuel,
            Output = host?.Output,
        };

        try
        {
            var wasi = new WasiConfiguration()
                .WithArgs([request.ModuleName, .. request.Args])
                .WithEnvironmentVariables(request.Env.Select(pair => (pair.Key, pair.Value)))
                .WithStandardOutputCallback(stdout.Write)
                .WithStandardErrorCallback(stderr.Write)
                .WithPreopenedDirectory(scratch.WorkPath, options.WorkDirectory, mutable: true)
                .WithPreopenedDirectory(scratch.InputsPath, options.InputsDirectory, mutable: false);
            if (!string.IsNullOrEmpty(request.Stdin))
            {
                stdinPath = Path.GetTempFileName();
                File.WriteAllText(stdinPath, request.Stdin);
                wasi.WithStandardInput(stdinPath);
            }

            var timeout = TimeSpan.FromSeconds(request.TimeoutSeconds);
            var durable = request.Durable || linkers.UsesHostModule(module);
            try
            {
                host = new HostContext(request, durable ? new DurableJournal(journal, request.JobId, request.Attempt) : null,
                    observer, clock, timeout, cancellationToken);
            }
            catch (JournalUnavailableException ex)
            {
                return Result(null, FailureReasons.ExecutorError, $"The durable journal could not be read: {ex.Message}");
            }
            using var store = new Store(runtime.Engine, host);
            store.SetWasiConfiguration(wasi);
            store.SetLimits(memorySize: options.MemoryLimitBytes, tableElements: (uint)options.MaxTableElements,
                instances: options.MaxInstances, tables: options.MaxTables, memories: options.MaxMemories);
            store.Fuel = fuel;

            Instance instance;
            var instantiating = Stopwatch.GetTimestamp();
            try
            {
                instance = (durable ? linkers.Durable : linkers.Plain).Instantiate(store, module);
                metrics.Instantiated(Stopwatch.GetElapsedTime(instantiating));
            }
            catch (WasmtimeException ex) when (ex is not TrapException)
            {
                return ClassifyInstantiation(ex, Result);
            }

            var start = instance.GetFunction(StartExport);
            if (start is null)
            {
                return Result(null, FailureReasons.InvalidModule,
                    $"The module exports no '{StartExport}' function: only WASI command modules can run as jobs.");
            }

            // The deadline counts from the start of the guest, not from the request. The callback runs
            // at every epoch tick: it ends the guest on its deadline or when the caller cancels.
            string? interruption = null;
            store.SetEpochDeadline(1);
            store.SetEpochDeadlineCallback(_ =>
            {
                interruption = cancellationToken.IsCancellationRequested ? FailureReasons.Cancelled
                    : clock.Elapsed >= timeout ? FailureReasons.Timeout
                    : null;
                return interruption is null ? 1UL : throw new OperationCanceledException(interruption);
            });
            observer.OnStarted();
            clock.Restart();
            try
            {
                start.Invoke();
                fuel = store.Fuel;
                return Finish(host, () => Result(0, null, null), Result);
            }
            catch (WasmtimeException) when (host.Failure is { } failure)
            {
                fuel = store.Fuel;
                return Result(null, failure.Reason, failure.Message);
            }
            catch (WasmtimeException) when (interruption is not null)
            {
                fuel = store.Fuel;
                return interruption == FailureReasons.Timeout
                    ? Result(null, FailureReasons.Timeout, $"Interrupted after the timeout of {request.TimeoutSeconds} s.")
                    : Result(null, FailureReasons.Cancelled, "Interrupted: the run was cancelled.");
            }
            catch (TrapException trap)
            {
                fuel = store.Fuel;
                memoryBytes = instance.GetMemory("memory")?.GetLength() ?? 0;
                return ClassifyTrap(trap, memoryBytes, request, Result);
            }
            catch (WasmtimeException ex) when (ex.ExitCode is { } code)
            {
                fuel = store.Fuel;
                memoryBytes = instance.GetMemory("memory")?.GetLength() ?? 0;
                if (code == 0)
                {
                    return Finish(host, () => Result(0, null, null), Result);
                }
                return NearMemoryLimit(memoryBytes)
                    ? Result(code, FailureReasons.MemoryLimit, $"Exited with code {code} after reaching the memory limit of {options.MemoryLimitBytes} bytes.")
                    : Result(code, FailureReasons.ExitCode, $"Exited with code {code}.");
            }
            catch (WasmtimeException ex)
            {
                fuel = store.Fuel;
                return Result(null, FailureReasons.Trap, ex.Message);
            }
        }
        finally
        {
            if (host is not null)
            {
                FlushQuietly(host);
            }
            if (stdinPath is not null)
            {
                File.Delete(stdinPath);
            }
        }
    }

    /// <summary>Writes what the journal still buffers before reporting success: a later attempt must not see less.</summary>
    private static ExecutionResult Finish(
        HostContext host, Func<ExecutionResult> success, Func<int?, string?, string?, ExecutionResult> result)
    {
        try
        {
            host.Journal?.Flush();
            return success();
        }
        catch (HostCallException ex)
        {
            return result(null, ex.Reason, ex.Message);
        }
    }

    private static void FlushQuietly(HostContext host)
    {
        try
        {
            host.Journal?.Flush();
        }
        catch (HostCallException)
        {
        }
    }

    /// <summary>Instantiation failures: a store limit refused the module's tables, memories or instances, or it could not link.</summary>
    private static ExecutionResult ClassifyInstantiation(WasmtimeException ex, Func<int?, string?, string?, ExecutionResult> result)
    {
        var message = ex.Message;
        // "resource limit exceeded: table count too high at 20": too many instances, tables or memories.
        var reason = message.Contains("count too high", StringComparison.OrdinalIgnoreCase) ? FailureReasons.InstanceLimit
            : message.Contains("table", StringComparison.OrdinalIgnoreCase) && message.Contains("limit", StringComparison.OrdinalIgnoreCase)
                ? FailureReasons.TableLimit
            : message.Contains("memory", StringComparison.OrdinalIgnoreCase) && message.Contains("limit", StringComparison.OrdinalIgnoreCase)
                ? FailureReasons.MemoryLimit
            : FailureReasons.LinkError;
        return result(null, reason, message);
    }

    private ExecutionResult ClassifyTrap(
        TrapException trap, long memoryBytes, ExecutionRequest request, Func<int?, string?, string?, ExecutionResult> result)
    {
        var message = Describe(trap);
        return trap.Type switch
        {
            TrapCode.Interrupt => result(null, FailureReasons.Timeout, $"Interrupted after the timeout of {request.TimeoutSeconds} s."),
            TrapCode.OutOfFuel => result(null, FailureReasons.OutOfFuel, $"Used the whole CPU budget of {runtime.Options.FuelPerExecution} fuel units."),
            _ when NearMemoryLimit(memoryBytes) => result(null, FailureReasons.MemoryLimit,
                $"Trapped after reaching the memory limit of {runtime.Options.MemoryLimitBytes} bytes: {message}"),
            _ => result(null, FailureReasons.Trap, message),
        };
    }

    // Wasmtime's store limits make memory.grow fail (return -1) instead of trapping, and the binding
    // reports no refused grow; a guest that fails while it has no page of room left is taken to have
    // failed for lack of memory.
    private bool NearMemoryLimit(long memoryBytes) =>
        memoryBytes > 0 && memoryBytes + Memory.PageSize > runtime.Options.MemoryLimitBytes;

    private static string Describe(TrapException trap)
    {
        // The message already carries Wasmtime's wasm backtrace; keep it bounded.
        var message = trap.Message.Trim();
        return message.Length <= 4096 ? message : message[..4096] + "…";
    }
}
