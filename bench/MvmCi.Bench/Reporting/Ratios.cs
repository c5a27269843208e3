namespace MvmCi.Bench.Reporting;

/// <summary>MvmCi's figures over the floors': how many times slower (latency) and what fraction of the rate (throughput).</summary>
public sealed record Ratios(double? P50OverRedisP50, double P50OverWasmtimeP50, double? JobsPerSecondOverRedis, double JobsPerSecondOverWasmtime);
