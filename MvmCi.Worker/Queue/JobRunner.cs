using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.Redis;
using MvmCi.Jobs.Security;
using MvmCi.Jobs.State;
using MvmCi.Jobs.Telemetry;
using MvmCi.Worker.Execution;
using MvmCi.Worker.Options;
using StackExchange.Redis;

namespace MvmCi.Worker.Queue;

/// <summary>
/// One job, end to end on this worker: claim (a new attempt, the fencing token), hold the lease while
/// it runs (renewed every third of its TTL), call the executor, mark running when the guest starts,
/// then store the outcome and acknowledge the entry in one step. A lost lease or a cancel request
/// interrupts the call, which makes the executor interrupt the guest.
/// </summary>
public sealed class JobRunner(
    JobStore store,
    JobQueue queue,
    SecretStore secrets,
    IJobExecutor executor,
    WorkerState state,
    JobMetrics metrics,
    IOptions<WorkerOptions> options,
    ILogger<JobRunner> logger)
{
    public static readonly ActivitySource Source = new("MvmCi.Worker");

    private readonly ConcurrentDictionary<string, RunningAttempt> _running = new(StringComparer.Ordinal);
    /// <summary>Jobs this worker is running now.</summary>
    public int RunningCount => _running.Count;

    /// <summary>Interrupts the job if this worker runs it (a cancel request announced through pub/sub).</summary>
    public void Cancel(string jobId)
    {
        if (_running.TryGetValue(jobId, out var attempt))
        {
            attempt.Stop(cancelled: true);
        }
    }

    /// <param name="interrupt">
    /// Cancelled when a draining worker's grace period is over: the running attempt stops and the job
    /// is handed back to the queue at once. Redis writes are not tied to it, so the hand-back is recorded.
    /// </param>
    public async Task RunAsync(QueueEntry entry, CancellationToken interrupt)
    {
        var cancellationToken = CancellationToken.None;
        var workerId = options.Value.Id;
        // The submit's trace context travels in the stream entry: this span joins the job's trace.
        ActivityContext.TryParse(entry.TraceParent, null, out var parent);
        using var activity = Source.StartActivity("job.run", ActivityKind.Consumer, parent);
        activity?.SetTag("mvmci.job.id", entry.JobId);
        activity?.SetTag("mvmci.worker.id", workerId);
        activity?.SetTag("messaging.message.id", entry.EntryId);
        // Everything logged for this job on this worker (the embedded executor's logs included) carries its id.
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = entry.JobId });

        var claimed = await store.ClaimAsync(entry, workerId, activity?.Id, cancellationToken);
        var (claim, request, cancelRequested, exhausted, retry, deadlines) = claimed;
        if (request is null)
        {
            await HandleUnclaimableAsync(entry, claim, cancellationToken);
            return;
        }
        activity?.SetTag("mvmci.job.attempt", claim.Attempt);
        // Each attempt is its own span in the job's trace, linked to the attempt before it (and to the
        // request that asked for a retry), so a trace viewer shows how the attempts follow each other.
        foreach (var link in claimed.Links)
        {
            if (ActivityContext.TryParse(link, null, out var linked))
            {
                activity?.AddLink(new ActivityLink(linked));
            }
        }
        activity?.AddEvent(new ActivityEvent("claimed"));
        if (exhausted)
        {
            await store.FinishAsync(entry.JobId, claim.Attempt, new ExecutionResult
            {
                FailureReason = FailureReasons.LeaseLost,
                FailureMessage = $"The lease of every attempt lapsed; attempt {claim.Attempt} is over the job's maxAttempts.",
            }, entry.Ack, cancellationToken);
            return;
        }
        if (deadlines.ExpiredAt(DateTimeOffset.UtcNow) is { } expired)
        {
            await store.FinishAsync(entry.JobId, claim.Attempt, new ExecutionResult
            {
                FailureReason = expired,
                FailureMessage = expired == FailureReasons.QueueTimeout
                    ? "The job waited in its queue longer than its queueTimeoutSeconds."
                    : "The job's totalTimeoutSeconds ran out before this attempt could start.",
            }, entry.Ack, cancellationToken);
            return;
        }
        // An attempt may not outlive the job's total deadline.
        var cappedByTotal = false;
        if (deadlines.TotalDeadline is { } total && (total - DateTimeOffset.UtcNow).TotalSeconds < request.TimeoutSeconds)
        {
            request = request with { TimeoutSeconds = Math.Max(1, (int)Math.Ceiling((total - DateTimeOffset.UtcNow).TotalSeconds)) };
            cappedByTotal = true;
        }
        if (cancelRequested)
        {
            // Asked to cancel while no worker held it (its worker died): end it without running it.
            await store.FinishAsync(entry.JobId, claim.Attempt, Cancelled("Cancelled before this attempt started."), entry.Ack, cancellationToken);
            return;
        }

        // The job's secrets become environment variables here, and their values are masked in all this worker records.
        var masker = SecretMasker.None;
        if (request.Secrets.Count > 0)
        {
            var resolved = await secrets.ResolveAsync(request.Secrets.Values, cancellationToken);
            if (resolved.Unavailable.Count > 0)
            {
                await store.FinishAsync(entry.JobId, claim.Attempt, new ExecutionResult
                {
                    FailureReason = FailureReasons.SecretUnavailable,
                    FailureMessage = $"Secret {string.Join(", ", resolved.Unavailable.Select(n => $"'{n}'"))} could not be read: it was deleted, or set under "
                        + "another service key. Set it again with PUT /api/secrets/{name}, then retry the job.",
                }, entry.Ack, cancellationToken);
                return;
            }
            var env = new Dictionary<string, string>(request.Env, StringComparer.Ordinal);
            foreach (var (variable, name) in request.Secrets)
            {
                env[variable] = resolved.Values[name];
            }
            request = request with { Env = env, Secrets = new Dictionary<string, string>(StringComparer.Ordinal) };
            masker = new SecretMasker(resolved.Values.Values);
        }

        using var attempt = new RunningAttempt(TimeSpan.FromSeconds(options.Value.LeaseTtlSeconds / 3.0), interrupt);
        using var running = new RunningMark(start => MarkRunningAsync(request, start));
        _running[entry.JobId] = attempt;
        ExecutionResult result;
        string? executorId;
        try
        {
            var lease = HoldLeaseAsync(entry, claim.Attempt, attempt);
            try
            {
                (result, executorId) = await ExecuteAsync(request, masker, running, activity, attempt.Token);
            }
            catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
            {
                (result, executorId) = (new ExecutionResult { FailureReason = FailureReasons.Cancelled }, null);
            }
            catch (OperationCanceledException) when (attempt.Token.IsCancellationRequested)
            {
                (result, executorId) = (attempt.WasCancelled
                    ? Cancelled("Interrupted: the job was cancelled.")
                    : new ExecutionResult { FailureReason = FailureReasons.LeaseLost, FailureMessage = "The lease was lost." }, null);
            }
            finally
            {
                attempt.StopLease();
                await lease;
            }
        }
        finally
        {
            _running.TryRemove(entry.JobId, out _);
        }

        if (attempt.LeaseLost)
        {
            // Another worker owns the job now (as a newer attempt); writing anything would be fenced anyway.
            logger.LogWarning("Lease of job {JobId} attempt {Attempt} was lost; leaving it to its new owner", entry.JobId, claim.Attempt);
            return;
        }

        if (cappedByTotal && result.FailureReason == FailureReasons.Timeout)
        {
            result = result with { FailureReason = FailureReasons.TotalTimeout, FailureMessage = "Interrupted: the job's totalTimeoutSeconds ran out." };
        }

        if (interrupt.IsCancellationRequested && !attempt.WasCancelled)
        {
            await running.FlushAsync();
            // Drain grace is over: hand the job back so another worker starts it now, not after a lease timeout.
            var handedBack = await store.RequeueAsync(entry.JobId, claim.Attempt, entry.Ack, delay: null, deadlines,
                $"handed back by draining {workerId}", null, null, cancellationToken);
            logger.LogInformation("Job {JobId} attempt {Attempt} handed back on drain ({Outcome})", entry.JobId, claim.Attempt, handedBack.Outcome);
            return;
        }

        if (result.FailureReason is { } reason && retry.IsRetryable(reason) && claim.Attempt < retry.MaxAttempts
            && !(deadlines.TotalDeadline <= DateTimeOffset.UtcNow + retry.DelayAfter(claim.Attempt)))
        {
            var delay = retry.DelayAfter(claim.Attempt);
            await running.FlushAsync();
            var requeued = await store.RequeueAsync(entry.JobId, claim.Attempt, entry.Ack, delay, deadlines,
                $"attempt {claim.Attempt} failed ({reason}); next in {delay.TotalSeconds:0.###} s", reason, result.FailureMessage, cancellationToken);
            activity?.SetTag("mvmci.failure_reason", reason);
            activity?.AddEvent(new ActivityEvent("retry scheduled"));
            logger.LogInformation("Job {JobId} attempt {Attempt} failed with {Reason}; retrying in {Delay} ({Outcome})",
                entry.JobId, claim.Attempt, reason, delay, requeued.Outcome);
            return;
        }

        var start = await running.TakeForOutcomeAsync();
        var finish = await store.FinishAsync(entry.JobId, claim.Attempt, result, entry.Ack, cancellationToken, start);
        activity?.SetTag("mvmci.job.status", finish.Status);
        activity?.SetTag("mvmci.executor.id", executorId);
        if (!result.Succeeded)
        {
            activity?.SetTag("mvmci.failure_reason", result.FailureReason);
            activity?.SetStatus(ActivityStatusCode.Error, result.FailureReason);
        }

        if (finish.Applied)
        {
            state.CountOutcome(result.Succeeded);
            if (JobIds.CreatedAt(entry.JobId) is { } createdAt)
            {
                metrics.Finished(entry.Queue.Split(':')[0], result.FailureReason, createdAt, DateTimeOffset.UtcNow);
            }
            logger.LogInformation("Job {JobId} attempt {Attempt} {Status} in {DurationMs} ms on {ExecutorId}",
                entry.JobId, claim.Attempt, finish.Status, result.DurationMs, executorId);
        }
        else
        {
            logger.LogWarning("Outcome of job {JobId} attempt {Attempt} was not stored: {Outcome} (now {Status}, attempt {CurrentAttempt})",
                entry.JobId, claim.Attempt, finish.Outcome, finish.Status, finish.Attempt);
        }
    }

    private static ExecutionResult Cancelled(string message) =>
        new() { FailureReason = FailureReasons.Cancelled, FailureMessage = message };

    private async Task HoldLeaseAsync(QueueEntry entry, int attempt, RunningAttempt running)
    {
        while (await running.NextRenewalAsync())
        {
            try
            {
                switch (await store.RenewLeaseAsync(entry, options.Value.Id, attempt, running.LeaseToken))
                {
                    case LeaseRenewal.Lost:
                        running.Stop(cancelled: false);
                        return;
                    case LeaseRenewal.CancelRequested:
                        running.Stop(cancelled: true);
                        break;
                }
            }
            catch (OperationCanceledException) when (running.LeaseToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // Keep trying: the lease only lapses if Redis stays out of reach for its whole TTL.
                logger.LogWarning(ex, "Renewing the lease of job {JobId} failed", entry.JobId);
            }
        }
    }

    private async Task<(ExecutionResult Result, string? ExecutorId)> ExecuteAsync(
        ExecutionRequest request, SecretMasker masker, RunningMark running, Activity? activity, CancellationToken cancellationToken)
    {
        var streams = masker.IsEmpty ? null : new Dictionary<string, StreamMasker>(StringComparer.Ordinal);
        async Task AppendAsync(string stream, string text)
        {
            if (streams is not null)
            {
                if (!streams.TryGetValue(stream, out var streamMasker))
                {
                    streams[stream] = streamMasker = masker.ForStream();
                }
                text = streamMasker.Push(text);
                if (text.Length == 0)
                {
                    return;
                }
            }
            await running.FlushAsync();
            await store.AppendLogAsync(request.JobId, request.Attempt, stream, text, CancellationToken.None);
        }

        try
        {
            var (result, executorId) = await executor.ExecuteAsync(request, (executorId, startedAt) =>
            {
                running.Started(new JobStart(executorId, startedAt));
                activity?.AddEvent(new ActivityEvent("running", startedAt));
                return Task.CompletedTask;
            },
            // A guest that reports anything is seen running first: its logs and progress never precede "running".
            AppendAsync,
            async progress =>
            {
                await running.FlushAsync();
                await store.SetProgressAsync(request.JobId, request.Attempt,
                    masker.IsEmpty ? progress : progress with { Message = masker.Apply(progress.Message) }, CancellationToken.None);
            },
            cancellationToken);
            if (streams is null)
            {
                return (result, executorId);
            }
            // What each stream held back (a possible start of a secret) is recorded now, and the outcome is masked too.
            foreach (var (stream, streamMasker) in streams)
            {
                if (streamMasker.Flush() is { Length: > 0 } rest)
                {
                    await running.FlushAsync();
                    await store.AppendLogAsync(request.JobId, request.Attempt, stream, rest, CancellationToken.None);
                }
            }
            return (result with
            {
                Stdout = masker.Apply(result.Stdout),
                Stderr = masker.Apply(result.Stderr),
                FailureMessage = masker.ApplyOrNull(result.FailureMessage),
                Output = masker.ApplyOrNull(result.Output),
            }, executorId);
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

    /// <summary>The held-back claimed → running write (see <see cref="RunningMark"/>): true when it was written; never throws.</summary>
    private async Task<bool> MarkRunningAsync(ExecutionRequest request, JobStart start)
    {
        try
        {
            var marked = await store.MarkRunningAsync(request.JobId, request.Attempt, start.ExecutorId, start.At, CancellationToken.None);
            if (!marked.Applied)
            {
                logger.LogWarning("Job {JobId} could not be marked running: {Outcome} ({Status})", request.JobId, marked.Outcome, marked.Status);
            }
            return marked.Applied;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The outcome then records the start itself (the outcome script moves a job still claimed to running first).
            logger.LogWarning(ex, "Job {JobId} could not be marked running", request.JobId);
            return false;
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
            case TransitionOutcome.StaleEntry:
            case TransitionOutcome.WrongState when JobStatus.IsTerminal(claim.Status):
                // A repeated delivery of a job that already has its outcome, or an entry the job is no
                // longer queued by: nothing to run.
                await queue.AcknowledgeAsync(entry, cancellationToken);
                break;
            default:
                logger.LogWarning("Job {JobId} is {Status} (attempt {Attempt}) and was not claimed", entry.JobId, claim.Status, claim.Attempt);
                break;
        }
    }
}
