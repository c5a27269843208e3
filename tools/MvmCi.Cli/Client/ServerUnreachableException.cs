namespace MvmCi.Cli.Client;

/// <summary>No answer from the control plane at all (refused, unknown host, timed out).</summary>
public sealed class ServerUnreachableException : Exception
{
    public ServerUnreachableException()
    {
    }

    public ServerUnreachableException(string message)
        : base(message)
    {
    }

    public ServerUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
