namespace MvmCi.Cli;

/// <summary>
/// The CLI's own exit codes; <c>run --follow</c> otherwise exits with the job's. The refusals a script may want to
/// tell apart take the numbers of BSD's <c>sysexits.h</c>, far from the small codes guests usually exit with.
/// </summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The server refused, could not be reached, or a job failed without an exit code.</summary>
    public const int Failure = 1;

    /// <summary>Bad arguments.</summary>
    public const int Usage = 2;

    /// <summary>Too many requests (429): try again after the time the server names (<c>EX_TEMPFAIL</c>).</summary>
    public const int RateLimited = 75;

    /// <summary>No API key, an unknown one (401), or one whose role is too low for the command (403) (<c>EX_NOPERM</c>).</summary>
    public const int NotAuthorized = 77;

    /// <summary>A cancelled job, or the CLI interrupted by Ctrl-C (128 + SIGINT).</summary>
    public const int Cancelled = 130;
}
