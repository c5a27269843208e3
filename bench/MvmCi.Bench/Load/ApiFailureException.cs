namespace MvmCi.Bench.Load;

/// <summary>The control plane answered with a status the harness did not expect; <see cref="Kind"/> groups them in the report.</summary>
public sealed class ApiFailureException : Exception
{
    public ApiFailureException()
    {
        Kind = "unknown";
    }

    public ApiFailureException(string message) : base(message)
    {
        Kind = message;
    }

    public ApiFailureException(string message, Exception innerException) : base(message, innerException)
    {
        Kind = message;
    }

    public ApiFailureException(string kind, string message) : base(message)
    {
        Kind = kind;
    }

    public string Kind { get; }
}
