namespace MvmCi.Jobs.State;

/// <summary>Distinct <c>failureReason</c> values of a failed job.</summary>
public static class FailureReasons
{
    /// <summary>The module exited with a non-zero code.</summary>
    public const string ExitCode = "exit_code";
    /// <summary>The module trapped (unreachable, out-of-bounds access, stack overflow, ...).</summary>
    public const string Trap = "trap";
    /// <summary>The run exceeded its wall-clock timeout and was interrupted.</summary>
    public const string Timeout = "timeout";
    /// <summary>The run used its whole CPU (fuel) budget.</summary>
    public const string OutOfFuel = "out_of_fuel";
    /// <summary>The module tried to grow its memory beyond the limit.</summary>
    public const string MemoryLimit = "memory_limit";
    public const string TableLimit = "table_limit";
    public const string InstanceLimit = "instance_limit";
    public const string Nondeterministic = "nondeterministic";
    public const string InputUnavailable = "input_unavailable";
    /// <summary>A secret the job names was deleted, or was stored under another service key, before the job started.</summary>
    public const string SecretUnavailable = "secret_unavailable";
    /// <summary>The module does not compile.</summary>
    public const string InvalidModule = "invalid_module";
    /// <summary>The module imports something the sandbox does not provide.</summary>
    public const string LinkError = "link_error";
    /// <summary>The module's bytes are no longer in the registry.</summary>
    public const string ModuleNotFound = "module_not_found";
    /// <summary>The run was cancelled (by a user, or because its worker went away).</summary>
    public const string Cancelled = "cancelled";
    /// <summary>The worker's lease lapsed and no attempts were left to run it again.</summary>
    public const string LeaseLost = "lease_lost";
    /// <summary>The job waited in its queue longer than its <c>queueTimeoutSeconds</c>.</summary>
    public const string QueueTimeout = "queue_timeout";
    /// <summary>The job ran out of its <c>totalTimeoutSeconds</c> across all attempts.</summary>
    public const string TotalTimeout = "total_timeout";
    /// <summary>No executor answered.</summary>
    public const string ExecutorUnavailable = "executor_unavailable";
    /// <summary>The executor failed in an unexpected way.</summary>
    public const string ExecutorError = "executor_error";
}
