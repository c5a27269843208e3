using System.Diagnostics;
using Microsoft.Extensions.Options;
using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.Redis;
using MvmCi.Jobs.State;
using MvmCi.Worker.Execution;
using MvmCi.Worker.Options;

namespace MvmCi.Worker.Queue;

/// <summary>
/// One job, end to end on this worker: claim (a new attempt, the fencing token), call the executor,
/// mark running when the guest starts, then store the outcome and acknowledge the entry in one step.
/// </summary>
public sealed class JobRunner(
    JobStore store,
    JobQueue queue,
    ExecutorClient executor,
    IOptions<WorkerOptions> options,
    ILogger<JobRunner> logger)
{
    public static readonly ActivitySource Source = new("MvmCi.Worker");

    public async Task RunAsync(QueueEntry entry, CancellationToken cancellationToken)
    {
        var workerId = options.Value.Id;
        // The submit's trace context travels in the stream entry: this span joins the job's trace.
        ActivityContext.TryParse(entry.TraceParent, null, out var parent);
        using var activity = Source.StartActivity("job.run", ActivityKind.Consumer, parent);
        activity?.SetTag("mvmci.job.id", entry.JobId);
        activity?.SetTag("mvmci.worker.id", workerId);
        activity?.SetTag("messaging.message.id", entry.EntryId);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = entry.JobId });

        var (claim, request) = await store.ClaimAsync(entry.JobId, workerId, cancellationToken);
        if (request is null)
        {
            await HandleUnclaimableAsync(entry, claim, cancellationToken);
            return;
        }
        activity?.SetTag("mvmci.job.attempt", claim.Attempt);
        activity?.AddEvent(new ActivityEvent("claimed"));

        var (result, executorId) = await ExecuteAsync(request, activity, cancellationToken);
        var finish = await store.FinishAsync(entry.JobId, claim.Attempt, result, entry.Ack, cancellationToken);
        activity?.SetTag("mvmci.job.status", finish.Status);
        activity?.SetTag("mvmci.executor.id", executorId);
        if (!result.Succeeded)
        {
            activity?.SetTag("mvmci.failure_reason", result.FailureReason);
            activity?.SetStatus(ActivityStatusCode.Error, result.FailureReason);
        }

        if (finish.Applied)
        {
            logger.LogInformation("Job {JobId} attempt {Attempt} {Status} in {DurationMs} ms on {ExecutorId}",
                entry.JobId, claim.Attempt, finish.Status, result.DurationMs, executorId);
        }
        else
        {
            logger.LogWarning("Outcome of job {JobId} attempt {Attempt} was not stored: {Outcome} (now {Status}, attempt {CurrentAttempt})",
                entry.JobId, claim.Attempt, finish.Outcome, finish.Status, finish.Attempt);
        }
    }

    private async Task<(ExecutionResult Result, string? ExecutorId)> ExecuteAsync(
        ExecutionRequest request, Activity? activity, CancellationToken cancellationToken)
    {
        try
        {
            return await executor.ExecuteAsync(request, async (executorId, startedAt) =>
            {
                var running = await store.MarkRunningAsync(request.JobId, request.Attempt, executorId, startedAt, cancellationToken);
                activity?.AddEvent(new ActivityEvent("running"));
                if (!running.Applied)
                {
                    logger.LogWarning("Job {JobId} could not be marked running: {Outcome} ({Status})",
                        request.JobId, running.Outcome, running.Status);
                }
            }, cancellationToken);
        }
        catch (ExecutorUnavailableException ex)
        {
            return (new ExecutionResult { FailureReason = FailureReasons.ExecutorUnavailable, FailureMessage = ex.Message }, null);
        }
        catch (ExecutorRejectedException ex)
        {
            return (new ExecutionResult { FailureReason = FailureReasons.ExecutorError, FailureMessage = ex.Message }, null);
        }
    }

    private async Task HandleUnclaimableAsync(QueueEntry entry, TransitionResult claim, CancellationToken cancellationToken)
    {
        switch (claim.Outcome)
        {
            case TransitionOutcome.Missing:
                logger.LogWarning("Entry {EntryId} names job {JobId}, which does not exist; acknowledging it", entry.EntryId, entry.JobId);
                await queue.AcknowledgeAsync(entry, cancellationToken);
                break;
            case TransitionOutcome.WrongState when JobStatus.IsTerminal(claim.Status):
                // A repeated delivery of a job that already has its outcome: nothing to run.
                await queue.AcknowledgeAsync(entry, cancellationToken);
                break;
            default:
                logger.LogWarning("Job {JobId} is {Status} (attempt {Attempt}) and was not claimed", entry.JobId, claim.Status, claim.Attempt);
                break;
        }
    }
}
