using MvmCi.Bench.Reporting;

namespace MvmCi.Bench.Harness;

/// <summary>A finished run: the report and the files written into <see cref="OutDirectory"/>.</summary>
public sealed record BenchResult(BenchReport Report, string OutDirectory, IReadOnlyList<string> Files);
