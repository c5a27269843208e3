namespace MvmCi.Jobs.State;

/// <summary>
/// When a failed attempt is tried again, and after how long (exponential backoff, as Temporal's
/// retry policy). Which failures retry is fixed and explicit: see <see cref="IsRetryable"/>.
/// </summary>
public sealed record RetryPolicy
{
    public static RetryPolicy Default { get; } = new();

    /// <summary>Attempts in all, the first included. 1 means no retry.</summary>
    public int MaxAttempts { get; init; } = 3;

    public double InitialIntervalSeconds { get; init; } = 1;

    public double BackoffCoefficient { get; init; } = 2;

    public double MaxIntervalSeconds { get; init; } = 60;

    /// <summary>Whether a non-zero exit code is retried (off by default: a failing build fails).</summary>
    public bool RetryOnExitCode { get; init; }

    /// <summary>
    /// Failures of the infrastructure retry (the executor unreachable or broken off, a lost lease);
    /// failures of the module do not (invalid, missing import, trap, timeout, fuel, memory), except a
    /// non-zero exit when the job asks for it. A cancelled job never retries.
    /// </summary>
    public bool IsRetryable(string failureReason) => failureReason switch
    {
        FailureReasons.ExecutorUnavailable or FailureReasons.ExecutorError or FailureReasons.LeaseLost => true,
        FailureReasons.ExitCode => RetryOnExitCode,
        _ => false,
    };

    /// <summary>The wait before the attempt after <paramref name="failedAttempt"/>: initial × coefficient^(n-1), capped.</summary>
    public TimeSpan DelayAfter(int failedAttempt)
    {
        var seconds = InitialIntervalSeconds * Math.Pow(BackoffCoefficient, Math.Max(0, failedAttempt - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxIntervalSeconds));
    }
}
