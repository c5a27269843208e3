namespace MvmCi.Jobs.Contracts;

/// <summary>Names of a guest's output streams in live logs.</summary>
public static class OutputStreams
{
    public const string Stdout = "stdout";
    public const string Stderr = "stderr";
}
