using System.Diagnostics;
using MvmCi.Execution.Runtime;
using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.State;
using Wasmtime;

namespace MvmCi.Execution.Wasi;

/// <summary>
/// Runs one WASI preview1 command module in a fresh store: args, env and stdin from the request,
/// stdout and stderr captured up to the cap, no preopened directories, no inherited environment,
/// no sockets. Fuel, an epoch deadline and memory/table limits bound it. Every way it can end is
/// mapped to an <see cref="ExecutionResult"/>; nothing the guest does escapes as an exception.
/// </summary>
public sealed class WasiSandbox(WasmRuntime runtime)
{
    private const string StartExport = "_start";

    /// <param name="onStarted">Called once the module is instantiated, just before <c>_start</c> runs.</param>
    /// <param name="onOutput">Called on the guest's thread with each piece of output kept: stream name (stdout, stderr) and text.</param>
    /// <param name="cancellationToken">Interrupts the guest (at the next epoch tick) when cancelled.</param>
    public ExecutionResult Run(
        Module module, ExecutionRequest request, Action onStarted, Action<string, string>? onOutput, CancellationToken cancellationToken)
    {
        var options = runtime.Options;
        var stdout = new CappedOutput(options.MaxOutputBytes, onOutput is null ? null : text => onOutput(OutputStreams.Stdout, text));
        var stderr = new CappedOutput(options.MaxOutputBytes, onOutput is null ? null : text => onOutput(OutputStreams.Stderr, text));
        string? stdinPath = null;
        var clock = Stopwatch.StartNew();
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
        };

        try
        {
            var wasi = new WasiConfiguration()
                .WithArgs([request.ModuleName, .. request.Args])
                .WithEnvironmentVariables(request.Env.Select(pair => (pair.Key, pair.Value)))
                .WithStandardOutputCallback(stdout.Write)
                .WithStandardErrorCallback(stderr.Write);
            if (!string.IsNullOrEmpty(request.Stdin))
            {
                stdinPath = Path.GetTempFileName();
                File.WriteAllText(stdinPath, request.Stdin);
                wasi.WithStandardInput(stdinPath);
            }

            using var store = new Store(runtime.Engine);
            store.SetWasiConfiguration(wasi);
            store.SetLimits(memorySize: options.MemoryLimitBytes, tableElements: (uint)options.MaxTableElements, instances: 16, tables: 16, memories: 4);
            store.Fuel = fuel;
            using var linker = new Linker(runtime.Engine);
            linker.DefineWasi();

            Instance instance;
            try
            {
                instance = linker.Instantiate(store, module);
            }
            catch (WasmtimeException ex) when (ex is not TrapException)
            {
                return Result(null, FailureReasons.LinkError, ex.Message);
            }

            var start = instance.GetFunction(StartExport);
            if (start is null)
            {
                return Result(null, FailureReasons.InvalidModule,
                    $"The module exports no '{StartExport}' function: only WASI command modules can run as jobs.");
            }

            // The deadline counts from the start of the guest, not from the request. The callback runs
            // at every epoch tick: it ends the guest on its deadline or when the caller cancels.
            var timeout = TimeSpan.FromSeconds(request.TimeoutSeconds);
            string? interruption = null;
            store.SetEpochDeadline(1);
            store.SetEpochDeadlineCallback(_ =>
            {
                interruption = cancellationToken.IsCancellationRequested ? FailureReasons.Cancelled
                    : clock.Elapsed >= timeout ? FailureReasons.Timeout
                    : null;
                return interruption is null ? 1UL : throw new OperationCanceledException(interruption);
            });
            onStarted();
            clock.Restart();
            try
            {
                start.Invoke();
                fuel = store.Fuel;
                return Result(0, null, null);
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
                    return Result(0, null, null);
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
            if (stdinPath is not null)
            {
                File.Delete(stdinPath);
            }
        }
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
