namespace MvmCi.Execution.Files;

/// <summary>A job input that cannot be mounted (its blob is not stored, or its path is not valid).</summary>
public sealed class InputUnavailableException(string message) : Exception(message);
