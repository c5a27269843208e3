namespace MvmCi.Bench.Reporting;

/// <summary>One process's resident memory at the three moments of <see cref="MemoryReport"/> (null: not measured).</summary>
public sealed record MemoryPoint(string Name, double BaselineRssMiB, double AfterLoadRssMiB, double? AfterRetentionRssMiB);
