using Microsoft.Extensions.Options;
using Wasmtime;

namespace MvmCi.Execution.Runtime;

/// <summary>
/// The process's one Wasmtime <see cref="Engine"/>, with fuel and epoch interruption on, and the
/// ticker that advances the epoch so deadlines can be expressed in ticks.
/// </summary>
public sealed class WasmRuntime : IDisposable
{
    private readonly Timer _ticker;

    public WasmRuntime(IOptions<ExecutionOptions> options)
    {
        Options = options.Value;
        using var config = new Config()
            .WithFuelConsumption(true)
            .WithEpochInterruption(true)
            .WithOptimizationLevel(OptimizationLevel.Speed);
        Engine = new Engine(config);
        var period = TimeSpan.FromMilliseconds(Options.EpochTickMilliseconds);
        _ticker = new Timer(static state => ((Engine)state!).IncrementEpoch(), Engine, period, period);
    }

    public Engine Engine { get; }

    public ExecutionOptions Options { get; }

    /// <summary>The number of epoch ticks that covers <paramref name="timeout"/>.</summary>
    public ulong TicksFor(TimeSpan timeout) =>
        (ulong)Math.Max(1, Math.Ceiling(timeout.TotalMilliseconds / Options.EpochTickMilliseconds));

    public void Dispose()
    {
        _ticker.Dispose();
        Engine.Dispose();
    }
}
