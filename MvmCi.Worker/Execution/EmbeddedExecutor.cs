using System.Threading.Channels;
using Microsoft.Extensions.Options;
using MvmCi.Execution;
using MvmCi.Jobs.Contracts;
using MvmCi.Worker.Options;

namespace MvmCi.Worker.Execution;

/// <summary>
/// Runs jobs with the executor core in this process (the embedded topology): no network hop. What the
/// guest reports goes through a channel, so the guest's thread never waits on Redis; the callbacks are
/// awaited in order, as the NDJSON lines of a remote executor are.
/// </summary>
public sealed class EmbeddedExecutor(WasiExecutor executor, IOptions<WorkerOptions> options) : IJobExecutor
{
    /// <summary>The executor id jobs run by a worker's embedded executor show.</summary>
    public static string IdOf(string workerId) => $"{workerId}/embedded";

    public async Task<(ExecutionResult Result, string? ExecutorId)> ExecuteAsync(
        ExecutionRequest request, Func<string, DateTimeOffset, Task> onStarted, Func<string, string, Task> onOutput,
        Func<JobProgress, Task> onProgress, CancellationToken cancellationToken)
    {
        var executorId = IdOf(options.Value.Id);
        var events = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
        var observer = new ChannelObserver(events.Writer, executorId, onStarted, onOutput, onProgress);
        var run = RunAsync(request, observer, events.Writer, cancellationToken);
        await foreach (var callback in events.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            await callback().ConfigureAwait(false);
        }
        return (await run.ConfigureAwait(false), executorId);
    }

    private async Task<ExecutionResult> RunAsync(
        ExecutionRequest request, IExecutionObserver observer, ChannelWriter<Func<Task>> events, CancellationToken cancellationToken)
    {
        try
        {
            return await executor.ExecuteAsync(request, observer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            events.TryComplete();
        }
    }

    private sealed class ChannelObserver(
        ChannelWriter<Func<Task>> events, string executorId, Func<string, DateTimeOffset, Task> onStarted,
        Func<string, string, Task> onOutput, Func<JobProgress, Task> onProgress) : IExecutionObserver
    {
        public void OnStarted()
        {
            var at = DateTimeOffset.UtcNow;
            events.TryWrite(() => onStarted(executorId, at));
        }

        public void OnOutput(string stream, string text) => events.TryWrite(() => onOutput(stream, text));

        public void OnProgress(JobProgress progress) => events.TryWrite(() => onProgress(progress));
    }
}
