using System.Globalization;
using MvmCi.Jobs.State;
using StackExchange.Redis;

namespace MvmCi.Jobs.Redis;

/// <summary>Putting jobs back in their queue: retries with backoff, hand-back on drain, retry on demand.</summary>
public sealed partial class JobStore
{
    /// <summary>
    /// Ends this attempt without an outcome and queues the job for its next attempt: now, or after
    /// <paramref name="delay"/> (a delayed set, promoted by the workers), acknowledging the entry of this
    /// attempt in the same step. Fenced by the attempt.
    /// </summary>
    public Task<TransitionResult> RequeueAsync(
        string id, int attempt, StreamAck ack, TimeSpan? delay, JobDeadlines deadlines, string detail,
        string? lastFailureReason, string? lastFailureMessage, CancellationToken cancellationToken)
    {
        var due = delay is { } wait ? time.GetUtcNow() + wait : (DateTimeOffset?)null;
        var queueDeadline = deadlines.NextQueueDeadline(due ?? time.GetUtcNow());
        return RequeueCoreAsync(id, [JobStatus.Claimed, JobStatus.Running], attempt.ToString(CultureInfo.InvariantCulture), ack, due, detail,
            EarliestMs(queueDeadline, deadlines.TotalDeadline),
            [
                JobFields.QueueDeadlineMs, queueDeadline?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) ?? "",
                JobFields.FailureReason, lastFailureReason ?? "",
                JobFields.FailureMessage, lastFailureMessage ?? "",
                JobFields.NextAttemptAt, due is { } at ? Format(at) : "",
            ], cancellationToken);
    }

    /// <summary>
    /// A new attempt of a failed or cancelled job, asked for by a user: queued at once, with the
    /// job's attempt budget renewed and its durable journal cleared. Other statuses are refused (<see cref="TransitionOutcome.WrongState"/>).
    /// </summary>
    /// <param name="requestSpan">W3C traceparent of the request asking for it: the next attempt's span links to it.</param>
    public async Task<TransitionResult> RetryAsync(string id, string? requestSpan, CancellationToken cancellationToken)
    {
        var job = await GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return new TransitionResult(TransitionOutcome.Missing, "", 0);
        }
        var budget = job.Attempt + Math.Max(1, job.Retry.MaxAttempts);
        if (job.Status is JobStatus.Failed or JobStatus.Cancelled)
        {
            // A retry on demand is a fresh run: a durable guest must not replay the run that failed.
            await Db.KeyDeleteAsync(keys.JobJournal(id)).ConfigureAwait(false);
        }
        // A retry on demand gets its time limits afresh, as a new submit would.
        var now = time.GetUtcNow();
        DateTimeOffset? queueDeadline = job.QueueTimeoutSeconds is { } qt ? now.AddSeconds(qt) : null;
        DateTimeOffset? totalDeadline = job.TotalTimeoutSeconds is { } tt ? now.AddSeconds(tt) : null;
        return await RequeueCoreAsync(id, [JobStatus.Failed, JobStatus.Cancelled], fencing: job.Attempt.ToString(CultureInfo.InvariantCulture),
            ack: null, due: null, "retry requested", EarliestMs(queueDeadline, totalDeadline),
            [
                JobFields.QueueDeadlineMs, queueDeadline?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) ?? "",
                JobFields.TotalDeadlineMs, totalDeadline?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) ?? "",
                JobFields.MaxAttempts, budget.ToString(CultureInfo.InvariantCulture),
                JobFields.FinishedAt, "",
                JobFields.NextAttemptAt, "",
                JobFields.RetrySpan, requestSpan ?? "",
            ], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Queues the delayed jobs that are due; returns how many.</summary>
    public async Task<int> PromoteDueAsync(int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var moved = await Db.ScriptEvaluateAsync(QueueScripts.Promote, [keys.Delayed],
            [time.GetUtcNow().ToUnixTimeMilliseconds(), limit, keys.Prefix, keys.ConsumerGroup]).ConfigureAwait(false);
        return (int)moved;
    }

    /// <summary>Fails the pending jobs whose queue-wait or total deadline passed; returns how many.</summary>
    public async Task<int> ExpireOverdueAsync(int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = time.GetUtcNow();
        var expired = await Db.ScriptEvaluateAsync(QueueScripts.ExpirePending, [keys.Deadlines, keys.Minute(now)],
            [now.ToUnixTimeMilliseconds(), limit, keys.Prefix, Format(now), CounterTtl, keys.FinishedChannel]).ConfigureAwait(false);
        return (int)expired;
    }

    /// <summary>The dead letters, newest first.</summary>
    public async Task<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var entries = await Db.StreamRangeAsync(keys.DeadLetter, "-", "+", limit, Order.Descending).ConfigureAwait(false);
        return [.. entries.Select(e => new DeadLetter(
            e.Id.ToString(), e["job"].ToString(), e["reason"].ToString(), (int)e["attempt"],
            DateTimeOffset.Parse(e["at"].ToString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)))];
    }

    private async Task<TransitionResult> RequeueCoreAsync(
        string id, string[] allowedFrom, string fencing, StreamAck? ack, DateTimeOffset? due, string detail,
        RedisValue deadlineMs, string[] fields, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        const int fixedArgs = 11;
        var args = new RedisValue[fixedArgs + fields.Length];
        args[0] = keys.StatusSetPrefix;
        args[1] = id;
        args[2] = string.Join(' ', allowedFrom);
        args[3] = fencing;
        args[4] = keys.ConsumerGroup;
        args[5] = ack?.EntryId ?? "";
        args[6] = Format(time.GetUtcNow());
        args[7] = detail;
        args[8] = due is { } at ? at.ToUnixTimeMilliseconds() : "";
        args[9] = keys.Prefix;
        args[10] = deadlineMs;
        for (var i = 0; i < fields.Length; i++)
        {
            args[fixedArgs + i] = fields[i];
        }

        RedisKey oldStream = ack is { } a ? keys.Queue(a.Queue) : keys.Job(id);
        var reply = (RedisResult[])(await Db.ScriptEvaluateAsync(QueueScripts.Requeue,
            [keys.Job(id), oldStream, keys.JobEvents(id), keys.Delayed, keys.Deadlines], args).ConfigureAwait(false))!;
        var outcome = reply[0].ToString() switch
        {
            "ok" => TransitionOutcome.Applied,
            "missing" => TransitionOutcome.Missing,
            "state" => TransitionOutcome.WrongState,
            _ => TransitionOutcome.Fenced,
        };
        return new TransitionResult(outcome, reply[1].ToString(), int.Parse(reply[2].ToString(), CultureInfo.InvariantCulture));
    }
}
