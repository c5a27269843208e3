namespace MvmCi.Jobs.Contracts;

/// <summary>Names of a guest's output streams in live logs.</summary>
public static class OutputStreams
{
    public const string Stdout = "stdout";
    public const string Stderr = "stderr";

    /// <summary>Lines the guest wrote through <c>mvmci.log</c>.</summary>
    public const string Log = "log";
}
