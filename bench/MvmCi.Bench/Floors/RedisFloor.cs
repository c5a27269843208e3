namespace MvmCi.Bench.Floors;

/// <summary>
/// The raw Redis lifecycle of one job: serially (one in flight: latency), and pipelined with as many in flight as a
/// load level has clients (throughput per concurrency).
/// </summary>
public sealed record RedisFloor(int Iterations, double SerialP50Us, double SerialP99Us, double SerialPerSecond,
    IReadOnlyDictionary<int, double> PerSecondAtConcurrency);
