namespace MvmCi.Cli;

/// <summary>The CLI's own exit codes; <c>run --follow</c> otherwise exits with the job's.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The server refused, could not be reached, or a job failed without an exit code.</summary>
    public const int Failure = 1;

    /// <summary>Bad arguments.</summary>
    public const int Usage = 2;

    /// <summary>A cancelled job, or the CLI interrupted by Ctrl-C (128 + SIGINT).</summary>
    public const int Cancelled = 130;
}
