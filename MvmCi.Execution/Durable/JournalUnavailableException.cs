namespace MvmCi.Execution.Durable;

/// <summary>The journal's store could not be reached; the run fails as an executor error and is retried.</summary>
public sealed class JournalUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
