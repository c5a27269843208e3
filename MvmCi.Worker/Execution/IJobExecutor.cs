using MvmCi.Jobs.Contracts;

namespace MvmCi.Worker.Execution;

/// <summary>Where a worker's jobs run: a Flawless executor over HTTP, or the executor core in this process.</summary>
public interface IJobExecutor
{
    /// <param name="onStarted">Awaited when the guest started: executor id and time.</param>
    /// <param name="onOutput">Awaited with each piece of live output: stream (stdout, stderr, log) and text.</param>
    /// <param name="onProgress">Awaited with each progress report of the guest.</param>
    Task<(ExecutionResult Result, string? ExecutorId)> ExecuteAsync(
        ExecutionRequest request, Func<string, DateTimeOffset, Task> onStarted, Func<string, string, Task> onOutput,
        Func<JobProgress, Task> onProgress, CancellationToken cancellationToken);
}
