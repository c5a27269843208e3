namespace MvmCi.Bench.Floors;

/// <summary>
/// An in-process Wasmtime no-op execution, one at a time on one thread. The floor (<see cref="P50Us"/>,
/// <see cref="PerSecond"/>) shares one linker with WASI defined across executions, as the executor does; the
/// <c>FreshLinker</c> figures define WASI on a new linker for every execution.
/// </summary>
public sealed record WasmtimeFloor(int Iterations, double P50Us, double P99Us, double PerSecond,
    double FreshLinkerP50Us, double FreshLinkerP99Us, double FreshLinkerPerSecond);
