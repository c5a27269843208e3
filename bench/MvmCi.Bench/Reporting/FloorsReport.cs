using MvmCi.Bench.Floors;

namespace MvmCi.Bench.Reporting;

/// <summary>The floors measured in the same run; Redis is null when the run had no Redis to use.</summary>
public sealed record FloorsReport(RedisFloor? Redis, WasmtimeFloor Wasmtime);
