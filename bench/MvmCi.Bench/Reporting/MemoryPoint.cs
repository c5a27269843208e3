namespace MvmCi.Bench.Reporting;

/// <summary>
/// One process's memory at the three moments of <see cref="MemoryReport"/> (null: not measured): RSS, and PSS (the
/// pages it shares with other processes, such as the .NET runtime's files, counted in part).
/// </summary>
public sealed record MemoryPoint(string Name, double BaselineRssMiB, double AfterLoadRssMiB, double? AfterRetentionRssMiB,
    double BaselinePssMiB, double AfterLoadPssMiB, double? AfterRetentionPssMiB);
