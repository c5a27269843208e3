namespace MvmCi.ControlPlane.Jobs;

/// <summary>The <c>retry</c> object of a job submission.</summary>
public sealed record RetryRequest
{
    public int? MaxAttempts { get; init; }
    public double? InitialIntervalSeconds { get; init; }
    public double? BackoffCoefficient { get; init; }
    public double? MaxIntervalSeconds { get; init; }
    public bool? RetryOnExitCode { get; init; }
}
