namespace MvmCi.Execution.Host;

/// <summary>Ends the guest from inside a host call with a failure reason of its own.</summary>
public sealed class HostCallException(string reason, string message) : Exception(message)
{
    public string Reason { get; } = reason;
}
