namespace MvmCi.Cli.Client;

/// <summary>The control plane answered with an error; <see cref="Exception.Message"/> is the line shown to the user.</summary>
public sealed class MvmCiApiException : Exception
{
    public MvmCiApiException(int statusCode, string message)
        : base(message) => StatusCode = statusCode;

    public MvmCiApiException()
    {
    }

    public MvmCiApiException(string message)
        : base(message)
    {
    }

    public MvmCiApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int StatusCode { get; }
}
