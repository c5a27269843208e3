namespace MvmCi.Worker.Execution;

/// <summary>The executor answered the request with an error status; the guest did not start.</summary>
public sealed class ExecutorRejectedException(string message) : Exception(message);
