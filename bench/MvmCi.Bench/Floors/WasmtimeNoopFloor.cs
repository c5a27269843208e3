using System.Diagnostics;
using MvmCi.Bench.Load;
using Wasmtime;

namespace MvmCi.Bench.Floors;

/// <summary>
/// A no-op WASI guest in-process with Wasmtime alone: one engine (fuel and epoch interruption on, as the executor has
/// them) and the module compiled once; each execution is a new store with a WASI configuration, instantiate through
/// a linker with WASI defined, call <c>_start</c> — once with one shared linker, once with a new linker each time.
/// </summary>
public static class WasmtimeNoopFloor
{
    public static WasmtimeFloor Measure(int iterations, CancellationToken cancellationToken)
    {
        using var config = new Config().WithFuelConsumption(true).WithEpochInterruption(true);
        using var engine = new Engine(config);
        using var module = Module.FromBytes(engine, "noop", NoopGuest.Wasm);
        using var shared = new Linker(engine);
        shared.DefineWasi();

        var (sharedP50, sharedP99, sharedPerSecond) = Time(iterations, () => RunOnce(engine, module, shared), cancellationToken);
        var (freshP50, freshP99, freshPerSecond) = Time(iterations, () =>
        {
            using var linker = new Linker(engine);
            linker.DefineWasi();
            RunOnce(engine, module, linker);
        }, cancellationToken);
        return new WasmtimeFloor(iterations, sharedP50, sharedP99, sharedPerSecond, freshP50, freshP99, freshPerSecond);
    }

    private static (double P50, double P99, double PerSecond) Time(int iterations, Action execute, CancellationToken cancellationToken)
    {
        for (var i = 0; i < Math.Min(1000, iterations); i++)
        {
            execute();
        }
        var times = new double[iterations];
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            if (i % 1000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            var started = Stopwatch.GetTimestamp();
            execute();
            times[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }
        wall.Stop();
        Array.Sort(times);
        return (LatencySummary.Percentile(times, 50), LatencySummary.Percentile(times, 99), iterations / wall.Elapsed.TotalSeconds);
    }

    private static void RunOnce(Engine engine, Module module, Linker linker)
    {
        using var store = new Store(engine);
        store.Fuel = 1_000_000;
        store.SetEpochDeadline(1_000_000);
        store.SetWasiConfiguration(new WasiConfiguration());
        var instance = linker.Instantiate(store, module);
        instance.GetAction("_start")!.Invoke();
    }
}
