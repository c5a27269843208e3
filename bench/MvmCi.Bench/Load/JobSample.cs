namespace MvmCi.Bench.Load;

/// <summary>One job of a load phase as its client saw it: submit → final answer, and who ran it.</summary>
public sealed record JobSample(string Id, double LatencyMs, string Status, string? WorkerId, DateTimeOffset? ClaimedAt, string? FailureReason);
