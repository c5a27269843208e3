namespace MvmCi.Bench.Reporting;

/// <summary>The AppHost's start: each resource healthy (seconds after the start), when the first job went in, and every worker's start.</summary>
public sealed record StartupReport(double AllHealthySeconds, IReadOnlyDictionary<string, double> HealthySeconds, double FirstSubmitSeconds,
    IReadOnlyList<WorkerStartup> Workers);
