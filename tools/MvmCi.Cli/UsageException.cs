namespace MvmCi.Cli;

/// <summary>The command line is wrong in a way the parser cannot tell (a value's format); exits with 2.</summary>
public sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
