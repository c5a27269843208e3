namespace MvmCi.Worker.Execution;

/// <summary>The executor could not be reached, so the guest never started.</summary>
public sealed class ExecutorUnavailableException(string message, Exception? inner) : Exception(message, inner);
