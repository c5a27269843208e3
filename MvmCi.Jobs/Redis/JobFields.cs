namespace MvmCi.Jobs.Redis;

/// <summary>Field names of the job hash.</summary>
internal static class JobFields
{
    public const string Id = "id";
    public const string Module = "module";
    public const string ModuleDigest = "moduleDigest";
    public const string ModuleName = "moduleName";
    public const string Queue = "queue";
    public const string Priority = "priority";
    public const string Status = "status";
    public const string Attempt = "attempt";
    public const string Args = "args";
    public const string Env = "env";
    public const string Stdin = "stdin";
    public const string TimeoutSeconds = "timeoutSeconds";
    public const string TraceParent = "traceparent";
    public const string CreatedAt = "createdAt";
    public const string ClaimedAt = "claimedAt";
    public const string StartedAt = "startedAt";
    public const string FinishedAt = "finishedAt";
    public const string ExitCode = "exitCode";
    public const string Stdout = "stdout";
    public const string Stderr = "stderr";
    public const string StdoutTruncated = "stdoutTruncated";
    public const string StderrTruncated = "stderrTruncated";
    public const string FailureReason = "failureReason";
    public const string FailureMessage = "failureMessage";
    public const string WorkerId = "workerId";
    public const string ExecutorId = "executorId";
    public const string DurationMs = "durationMs";
    public const string CancelRequested = "cancelRequested";
    public const string MaxAttempts = "maxAttempts";
    public const string RetryInitialSeconds = "retryInitialSeconds";
    public const string RetryCoefficient = "retryCoefficient";
    public const string RetryMaxSeconds = "retryMaxSeconds";
    public const string RetryOnExitCode = "retryOnExitCode";
    public const string NextAttemptAt = "nextAttemptAt";
    public const string QueueTimeoutSeconds = "queueTimeoutSeconds";
    public const string TotalTimeoutSeconds = "totalTimeoutSeconds";
    public const string QueueDeadlineMs = "queueDeadlineMs";
    public const string TotalDeadlineMs = "totalDeadlineMs";
    public const string Input = "input";
    public const string Durable = "durable";
    public const string Inputs = "inputs";
    public const string Outputs = "outputs";
    public const string HttpAllowedHosts = "httpAllowedHosts";
    public const string Secrets = "secrets";
    public const string Output = "output";
    public const string Progress = "progress";
    public const string Artifacts = "artifacts";
    /// <summary>W3C traceparent of the span of the attempt that claimed the job last.</summary>
    public const string RunSpan = "runSpan";
    /// <summary>W3C traceparent of the request that asked for a retry on demand, until the next claim.</summary>
    public const string RetrySpan = "retrySpan";
}
