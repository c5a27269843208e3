namespace MvmCi.Bench.Reporting;

/// <summary>
/// Memory before the first level (the baseline), after the last one, and — with <c>--retention</c> — once the
/// finished jobs' retention is over and the control plane removed them.
/// </summary>
public sealed record MemoryReport(int? RetentionSeconds, double? WaitedSeconds, IReadOnlyList<MemoryPoint> Processes,
    RedisMemory? RedisBaseline, RedisMemory? RedisAfterLoad, RedisMemory? RedisAfterRetention);
