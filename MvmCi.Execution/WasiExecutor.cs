using MvmCi.Execution.Modules;
using MvmCi.Execution.Runtime;
using MvmCi.Execution.Wasi;
using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.State;
using Wasmtime;

namespace MvmCi.Execution;

/// <summary>
/// Runs execution requests: fetches and compiles the module once per digest, waits for a free
/// slot, then runs the guest on a pool thread.
/// </summary>
public sealed class WasiExecutor : IDisposable
{
    private readonly CompiledModuleCache _modules;
    private readonly WasiSandbox _sandbox;
    private readonly SemaphoreSlim _slots;

    public WasiExecutor(CompiledModuleCache modules, WasiSandbox sandbox, WasmRuntime runtime)
    {
        _modules = modules;
        _sandbox = sandbox;
        _slots = new SemaphoreSlim(runtime.Options.MaxConcurrency, runtime.Options.MaxConcurrency);
    }

    /// <param name="onStarted">Called on the guest's thread right before <c>_start</c>.</param>
    /// <param name="onOutput">Called on the guest's thread with each piece of kept output (stream, text); may be null.</param>
    public async Task<ExecutionResult> ExecuteAsync(
        ExecutionRequest request, Action onStarted, Action<string, string>? onOutput, CancellationToken cancellationToken)
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
            return await Task.Run(() => _sandbox.Run(module, request, onStarted, onOutput, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
