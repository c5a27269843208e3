using System.Globalization;
using System.Text.Json;
using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.State;
using StackExchange.Redis;

namespace MvmCi.Jobs.Redis;

/// <summary>Jobs in Redis: submit, read, list, and the guarded status transitions.</summary>
public sealed partial class JobStore(IConnectionMultiplexer redis, RedisKeys keys, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private IDatabase Db => redis.GetDatabase();

    private static readonly long CounterTtl = (long)RedisKeys.MinuteBucketTtl.TotalSeconds;

    /// <summary>How long an Idempotency-Key is remembered.</summary>
    public static readonly TimeSpan IdempotencyWindow = TimeSpan.FromHours(24);

    /// <summary>
    /// Stores the job and queues it, in one atomic step. With an idempotency key already used, nothing
    /// is created and the earlier job is returned (see <see cref="SubmitResult"/>).
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(JobSubmission submission, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var createdAt = time.GetUtcNow();
        var id = submission.Id ?? JobIds.New(createdAt);
        DateTimeOffset? queueDeadline = submission.QueueTimeoutSeconds is { } qt ? createdAt.AddSeconds(qt) : null;
        DateTimeOffset? totalDeadline = submission.TotalTimeoutSeconds is { } tt ? createdAt.AddSeconds(tt) : null;
        RedisValue[] args =
        [
            id, submission.TraceParent ?? "", keys.Wake(submission.Queue), keys.ConsumerGroup, Format(createdAt),
            submission.Idempotency?.BodyHash ?? "", (long)IdempotencyWindow.TotalSeconds,
            EarliestMs(queueDeadline, totalDeadline), submission.Priority, submission.Queue, CounterTtl,
            JobFields.Id, id,
            JobFields.Module, submission.Module,
            JobFields.ModuleDigest, submission.ModuleDigest,
            JobFields.ModuleName, submission.ModuleName,
            JobFields.Queue, submission.Queue,
            JobFields.Priority, submission.Priority,
            JobFields.Status, JobStatus.Pending,
            JobFields.Attempt, 0,
            JobFields.Args, JsonSerializer.Serialize(submission.Args, Json),
            JobFields.Env, JsonSerializer.Serialize(submission.Env, Json),
            JobFields.Stdin, submission.Stdin ?? "",
            JobFields.TimeoutSeconds, submission.TimeoutSeconds,
            JobFields.MaxAttempts, submission.Retry.MaxAttempts,
            JobFields.RetryInitialSeconds, submission.Retry.InitialIntervalSeconds,
            JobFields.RetryCoefficient, submission.Retry.BackoffCoefficient,
            JobFields.RetryMaxSeconds, submission.Retry.MaxIntervalSeconds,
            JobFields.RetryOnExitCode, submission.Retry.RetryOnExitCode ? "1" : "0",
            JobFields.QueueTimeoutSeconds, submission.QueueTimeoutSeconds?.ToString(CultureInfo.InvariantCulture) ?? "",
            JobFields.TotalTimeoutSeconds, submission.TotalTimeoutSeconds?.ToString(CultureInfo.InvariantCulture) ?? "",
            JobFields.QueueDeadlineMs, queueDeadline?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) ?? "",
            JobFields.TotalDeadlineMs, totalDeadline?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) ?? "",
            JobFields.TraceParent, submission.TraceParent ?? "",
            JobFields.CreatedAt, Format(createdAt),
            JobFields.Input, submission.Input ?? "",
            JobFields.Durable, submission.Durable ? "1" : "0",
            JobFields.Inputs, JsonSerializer.Serialize(submission.Inputs, Json),
            JobFields.Outputs, JsonSerializer.Serialize(submission.Outputs, Json),
            JobFields.HttpAllowedHosts, JsonSerializer.Serialize(submission.HttpAllowedHosts, Json),
            JobFields.Secrets, submission.Secrets.Count == 0 ? "" : JsonSerializer.Serialize(submission.Secrets, Json),
        ];
        var reply = (RedisResult[])(await Db.ScriptEvaluateAsync(
            JobScripts.Submit,
            [
                keys.Job(id), keys.AllJobs, keys.JobsInStatus(JobStatus.Pending),
                keys.Queue(RedisKeys.StreamName(submission.Queue, submission.Priority)), keys.JobEvents(id),
                submission.Idempotency is { } idem ? keys.Idempotency(idem.Key) : keys.Job(id),
                keys.Deadlines, keys.PriorityLevels(submission.Queue),
                keys.Module(submission.ModuleDigest), keys.ModuleJobs(submission.ModuleDigest),
                keys.QueueNames, keys.Minute(createdAt),
            ],
            args).ConfigureAwait(false))!;
        if (reply[0].ToString() == "nomodule")
        {
            throw new ModuleDeletedException(submission.ModuleDigest);
        }
        if (reply[0].ToString() == "existing")
        {
            var earlier = await GetAsync(reply[1].ToString(), cancellationToken).ConfigureAwait(false);
            return earlier is null
                ? throw new InvalidOperationException($"Idempotency key names job {reply[1]}, which no longer exists.")
                : new SubmitResult(earlier, Replayed: true, BodyMatches: reply[2].ToString() == submission.Idempotency?.BodyHash);
        }

        return new SubmitResult(new JobRecord
        {
            Id = id,
            Module = submission.Module,
            ModuleDigest = submission.ModuleDigest,
            Queue = submission.Queue,
            Priority = submission.Priority,
            Status = JobStatus.Pending,
            CreatedAt = createdAt,
            Args = submission.Args,
            Env = submission.Env,
            TimeoutSeconds = submission.TimeoutSeconds,
            Retry = submission.Retry,
            QueueTimeoutSeconds = submission.QueueTimeoutSeconds,
            TotalTimeoutSeconds = submission.TotalTimeoutSeconds,
            Input = submission.Input,
            Durable = submission.Durable,
            Inputs = submission.Inputs,
            Outputs = submission.Outputs,
            HttpAllowedHosts = submission.HttpAllowedHosts,
            Secrets = submission.Secrets,
            TraceId = submission.TraceParent is { Length: 55 } traceParent ? traceParent[3..35] : null,
        }, Replayed: false, BodyMatches: true);
    }

    /// <summary>Only the job's status (one field, not the hash with its stored output); null when unknown.</summary>
    public async Task<string?> GetStatusAsync(string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var status = await Db.HashGetAsync(keys.Job(id), JobFields.Status).ConfigureAwait(false);
        return status.IsNull ? null : status.ToString();
    }

    /// <summary>The secrets a job names (variable → secret name); null when there is no such job.</summary>
    public async Task<IReadOnlyDictionary<string, string>?> GetSecretNamesAsync(string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var values = await Db.HashGetAsync(keys.Job(id), [JobFields.Status, JobFields.Secrets]).ConfigureAwait(false);
        return values[0].IsNull ? null : DeserializeOr<Dictionary<string, string>>(values[1], []);
    }

    public async Task<JobRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var entries = await Db.HashGetAllAsync(keys.Job(id)).ConfigureAwait(false);
        return entries.Length == 0 ? null : ToRecord(entries);
    }

    private static readonly RedisValue[] ExecutionFields =
    [
        JobFields.ModuleDigest, JobFields.ModuleName, JobFields.Args, JobFields.Env,
        JobFields.Stdin, JobFields.TimeoutSeconds, JobFields.CancelRequested, JobFields.MaxAttempts,
        JobFields.RetryInitialSeconds, JobFields.RetryCoefficient, JobFields.RetryMaxSeconds, JobFields.RetryOnExitCode,
        JobFields.QueueTimeoutSeconds, JobFields.QueueDeadlineMs, JobFields.TotalDeadlineMs,
        JobFields.Input, JobFields.Durable, JobFields.Inputs, JobFields.Outputs, JobFields.HttpAllowedHosts,
        JobFields.Secrets,
    ];

    private static ExecutionRequest? ToExecutionRequest(string id, int attempt, RedisValue[] values) =>
        values[0].IsNull
            ? null
            : new ExecutionRequest
            {
                JobId = id,
                Attempt = attempt,
                ModuleDigest = values[0].ToString(),
                ModuleName = values[1].ToString(),
                Args = DeserializeOr<string[]>(values[2], []),
                Env = DeserializeOr<Dictionary<string, string>>(values[3], []),
                Stdin = values[4].IsNullOrEmpty ? null : values[4].ToString(),
                TimeoutSeconds = (int)values[5],
                Input = values[15].IsNullOrEmpty ? null : values[15].ToString(),
                Durable = values[16] == "1",
                Inputs = DeserializeOr<InputFile[]>(values[17], []),
                Outputs = DeserializeOr<string[]>(values[18], []),
                HttpAllowedHosts = DeserializeOr<string[]>(values[19], []),
                Secrets = DeserializeOr<Dictionary<string, string>>(values[20], []),
            };

    /// <summary>How many ids one list request looks at when a queue filter skips most of them.</summary>
    public const int MaxScannedPerPage = 5000;

    /// <summary>
    /// One page of jobs. With a queue filter the page may hold fewer than <see cref="JobQuery.Limit"/> jobs
    /// although more follow (at most <see cref="MaxScannedPerPage"/> ids are looked at per page); the
    /// cursor is the last id looked at, so the next page goes on from there.
    /// </summary>
    public async Task<JobPage> ListAsync(JobQuery query, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var set = query.Status is null ? keys.AllJobs : keys.JobsInStatus(query.Status);
        var chosen = new List<RedisValue>(query.Limit);
        var cursor = query.Cursor;
        var scanned = 0;
        string? next = null;
        var take = query.Queue is null ? query.Limit + 1 : Math.Max(query.Limit * 4, 100);
        while (true)
        {
            // Ids are time-ordered strings in a set with equal scores, so a lexical range is time order,
            // and the last id seen is a cursor that stays valid while jobs are added.
            RedisValue bound = cursor is null ? default : (RedisValue)cursor;
            var ids = query.OldestFirst
                ? await Db.SortedSetRangeByValueAsync(set, min: bound, max: default, exclude: Exclude.Start,
                    order: Order.Ascending, skip: 0, take: take).ConfigureAwait(false)
                : await Db.SortedSetRangeByValueAsync(set, min: default, max: bound, exclude: Exclude.Stop,
                    order: Order.Descending, skip: 0, take: take).ConfigureAwait(false);
            if (query.Queue is null)
            {
                chosen.AddRange(ids.Take(query.Limit));
                next = ids.Length > query.Limit ? ids[query.Limit - 1].ToString() : null;
                break;
            }

            var batch = Db.CreateBatch();
            var queues = ids.Select(id => batch.HashGetAsync(keys.Job(id.ToString()), JobFields.Queue)).ToArray();
            batch.Execute();
            var names = await Task.WhenAll(queues).ConfigureAwait(false);
            var i = 0;
            for (; i < ids.Length && chosen.Count < query.Limit; i++)
            {
                if (names[i] == query.Queue)
                {
                    chosen.Add(ids[i]);
                }
            }
            scanned += i;
            if (chosen.Count == query.Limit)
            {
                next = i < ids.Length || ids.Length == take ? ids[i - 1].ToString() : null;
                break;
            }
            if (ids.Length < take)
            {
                break;
            }
            cursor = ids[^1].ToString();
            if (scanned >= MaxScannedPerPage)
            {
                next = cursor;
                break;
            }
        }

        var reads = Db.CreateBatch();
        var hashes = chosen.Select(id => reads.HashGetAllAsync(keys.Job(id.ToString()))).ToArray();
        reads.Execute();
        var items = (await Task.WhenAll(hashes).ConfigureAwait(false)).Where(h => h.Length > 0).Select(ToRecord).ToArray();
        return new JobPage(items, next);
    }

    public async Task<QueueStats> StatsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var batch = Db.CreateBatch();
        var counts = JobStatus.All.Select(s => batch.SortedSetLengthAsync(keys.JobsInStatus(s))).ToArray();
        var total = batch.SortedSetLengthAsync(keys.AllJobs);
        batch.Execute();
        var values = await Task.WhenAll(counts).ConfigureAwait(false);
        return new QueueStats(values[0], values[1], values[2], values[3], values[4], values[5], await total.ConfigureAwait(false));
    }

    /// <summary>
    /// pending → claimed as a new attempt; the attempt is the fencing token of this claim. What the
    /// worker needs to run the job is read in the same round trip (the read runs right after the
    /// script on the server, so it sees the claimed job); it is null when the claim did not apply.
    /// </summary>
    /// <remarks>
    /// A job that is already claimed or running is claimed again only through the entry it is
    /// currently queued by: that entry reaches another consumer only when its lease lapsed.
    /// </remarks>
    public async Task<ClaimResult> ClaimAsync(
        QueueEntry entry, string workerId, string? runSpan, CancellationToken cancellationToken)
    {
        var id = entry.JobId;
        var batch = Db.CreateBatch();
        // Read before the claim overwrites them (commands of a batch run in order).
        var earlier = batch.HashGetAsync(keys.Job(id), [JobFields.RunSpan, JobFields.RetrySpan]);
        var claim = TransitionAsync(batch, id, JobStatus.Claimed, fencing: "+", ack: null,
            new TransitionNote($"claimed by {workerId}", ExpectedEntry: entry.EntryId),
            [
                JobFields.WorkerId, workerId,
                JobFields.ClaimedAt, Format(time.GetUtcNow()),
                JobFields.RunSpan, runSpan ?? "",
                JobFields.RetrySpan, "",
            ], cancellationToken);
        var read = batch.HashGetAsync(keys.Job(id), ExecutionFields);
        batch.Execute();
        var spans = await earlier.ConfigureAwait(false);
        var result = await claim.ConfigureAwait(false);
        var values = await read.ConfigureAwait(false);
        var policy = ToRetryPolicy(values[7], values[8], values[9], values[10], values[11]);
        return new ClaimResult(result, result.Applied ? ToExecutionRequest(id, result.Attempt, values) : null, values[6] == "1",
            result.Applied && result.Attempt > policy.MaxAttempts, policy,
            new JobDeadlines(IntOrNull(values[12]), MsOrNull(values[13]), MsOrNull(values[14])))
        {
            Links = result.Applied ? [.. spans.Where(s => !s.IsNullOrEmpty).Select(s => s.ToString())] : [],
        };
    }

    /// <summary>claimed → running, once the executor has actually started the guest.</summary>
    public Task<TransitionResult> MarkRunningAsync(
        string id, int attempt, string executorId, DateTimeOffset startedAt, CancellationToken cancellationToken) =>
        TransitionAsync(Db, id, JobStatus.Running, attempt.ToString(CultureInfo.InvariantCulture), ack: null,
            new TransitionNote(StartDetail(executorId)),
            [
                JobFields.ExecutorId, executorId,
                JobFields.StartedAt, Format(startedAt)
            ], cancellationToken);

    private static string StartDetail(string executorId) => $"started on {executorId}";

    /// <summary>
    /// Records the outcome (completed or failed) and acknowledges the stream entry in the same atomic step.
    /// With <paramref name="start"/>, a job still claimed is first moved to running in that step (its history
    /// shows both moves, the start at its own time): the outcome of a guest that ended before "running" was written.
    /// </summary>
    public Task<TransitionResult> FinishAsync(
        string id, int attempt, ExecutionResult result, StreamAck ack, CancellationToken cancellationToken, JobStart? start = null)
    {
        var target = result.Succeeded ? JobStatus.Completed
            : result.FailureReason == FailureReasons.Cancelled ? JobStatus.Cancelled
            : JobStatus.Failed;
        string[] started = start is { } s ? [JobFields.ExecutorId, s.ExecutorId, JobFields.StartedAt, Format(s.At)] : [];
        return TransitionAsync(Db, id, target, attempt.ToString(CultureInfo.InvariantCulture), ack,
            new TransitionNote(result.FailureReason ?? $"exit {result.ExitCode}",
                DeadLetterReason: target == JobStatus.Failed ? result.FailureReason : null, Start: start),
            [
                .. started,
                JobFields.FinishedAt, Format(time.GetUtcNow()),
                JobFields.ExitCode, result.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "",
                JobFields.Stdout, result.Stdout,
                JobFields.Stderr, result.Stderr,
                JobFields.StdoutTruncated, result.StdoutTruncated ? "1" : "0",
                JobFields.StderrTruncated, result.StderrTruncated ? "1" : "0",
                JobFields.FailureReason, result.FailureReason ?? "",
                JobFields.FailureMessage, result.FailureMessage ?? "",
                JobFields.DurationMs, result.DurationMs.ToString(CultureInfo.InvariantCulture),
                JobFields.Output, result.Output ?? "",
                JobFields.Artifacts, JsonSerializer.Serialize(result.Artifacts, Json)
            ], cancellationToken);
    }

    /// <summary>Stores the guest's latest progress report, if the job is still on <paramref name="attempt"/>.</summary>
    public async Task SetProgressAsync(string id, int attempt, JobProgress progress, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await Db.ScriptEvaluateAsync(JobScripts.SetIfAttempt, [keys.Job(id)],
            [attempt, JobFields.Progress, JsonSerializer.Serialize(progress, Json)]).ConfigureAwait(false);
    }

    /// <summary>
    /// Cancels a job: a pending one ends <c>cancelled</c> at once (its entry is acknowledged when a
    /// worker meets it); a claimed or running one is flagged and its worker told through pub/sub, so
    /// the worker interrupts it and records <c>cancelled</c>. A finished job is left as it is.
    /// </summary>
    public async Task<CancelOutcome> CancelAsync(string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var reply = (RedisResult[])(await Db.ScriptEvaluateAsync(JobScripts.Cancel,
            [keys.Job(id), keys.JobEvents(id), keys.Minute(time.GetUtcNow()), keys.Finished],
            [keys.StatusSetPrefix, id, Format(time.GetUtcNow()), keys.CancelChannel, CounterTtl, keys.FinishedChannel]).ConfigureAwait(false))!;
        return reply[0].ToString() switch
        {
            "missing" => CancelOutcome.NotFound,
            "cancelled" => CancelOutcome.Cancelled,
            "requested" => CancelOutcome.Requested,
            _ => CancelOutcome.AlreadyFinished,
        };
    }

    /// <summary>Renews the lease of a claimed or running attempt; see <see cref="LeaseRenewal"/>.</summary>
    public async Task<LeaseRenewal> RenewLeaseAsync(QueueEntry entry, string workerId, int attempt, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var reply = (RedisResult[])(await Db.ScriptEvaluateAsync(JobScripts.RenewLease,
            [keys.Queue(entry.Queue), keys.Job(entry.JobId)],
            [keys.ConsumerGroup, workerId, entry.EntryId, attempt]).ConfigureAwait(false))!;
        return reply[0].ToString() switch
        {
            "ok" => reply[1].ToString() == "1" ? LeaseRenewal.CancelRequested : LeaseRenewal.Renewed,
            _ => LeaseRenewal.Lost,
        };
    }

    /// <summary>The job's history, oldest first; empty when the job is unknown.</summary>
    public async Task<IReadOnlyList<JobEvent>> GetEventsAsync(string id, string? after, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var entries = await Db.StreamRangeAsync(keys.JobEvents(id), minId: after is null ? "-" : "(" + after, maxId: "+").ConfigureAwait(false);
        return [.. entries.Select(e => new JobEvent(
            e.Id.ToString(), e["status"].ToString(), NullIfEmpty(e["from"]), (int)e["attempt"],
            DateTimeOffset.Parse(e["at"].ToString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            NullIfEmpty(e["detail"])))];
    }

    private static string? NullIfEmpty(RedisValue value) => value.IsNullOrEmpty ? null : value.ToString();

    private async Task<TransitionResult> TransitionAsync(
        IDatabaseAsync db, string id, string target, string fencing, StreamAck? ack, TransitionNote note,
        string[] fields, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        const int fixedArgs = 15;
        var args = new RedisValue[fixedArgs + fields.Length];
        args[0] = keys.StatusSetPrefix;
        args[1] = id;
        args[2] = string.Join(' ', JobStateMachine.SourcesOf(target));
        args[3] = target;
        args[4] = fencing;
        args[5] = ack is null ? "" : keys.ConsumerGroup;
        args[6] = ack?.EntryId ?? "";
        args[7] = note.ExpectedEntry ?? "";
        args[8] = Format(time.GetUtcNow());
        args[9] = note.Detail;
        args[10] = note.DeadLetterReason ?? "";
        args[11] = CounterTtl;
        args[12] = keys.FinishedChannel;
        args[13] = note.Start is { } start ? StartDetail(start.ExecutorId) : "";
        args[14] = note.Start is { } at ? Format(at.At) : "";
        for (var i = 0; i < fields.Length; i++)
        {
            args[fixedArgs + i] = fields[i];
        }

        RedisKey stream = ack is null ? keys.Job(id) : keys.Queue(ack.Value.Queue);
        var reply = (RedisResult[])(await db.ScriptEvaluateAsync(JobScripts.Transition,
            [keys.Job(id), stream, keys.JobEvents(id), keys.DeadLetter, keys.Minute(time.GetUtcNow()), keys.Finished], args)
            .ConfigureAwait(false))!;
        var outcome = reply[0].ToString() switch
        {
            "ok" => TransitionOutcome.Applied,
            "missing" => TransitionOutcome.Missing,
            "state" => TransitionOutcome.WrongState,
            "stale" => TransitionOutcome.StaleEntry,
            _ => TransitionOutcome.Fenced,
        };
        return new TransitionResult(outcome, reply[1].ToString(), int.Parse(reply[2].ToString(), CultureInfo.InvariantCulture));
    }

    private static JobRecord ToRecord(HashEntry[] entries)
    {
        var map = entries.ToDictionary(e => e.Name.ToString(), e => e.Value, StringComparer.Ordinal);
        string? Str(string field) => map.TryGetValue(field, out var v) && !v.IsNullOrEmpty ? v.ToString() : null;
        DateTimeOffset? Time(string field) =>
            Str(field) is { } s ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null;
        long? Long(string field) => Str(field) is { } s ? long.Parse(s, CultureInfo.InvariantCulture) : null;

        return new JobRecord
        {
            Id = Str(JobFields.Id) ?? "",
            Module = Str(JobFields.Module) ?? "",
            ModuleDigest = Str(JobFields.ModuleDigest) ?? "",
            Queue = Str(JobFields.Queue) ?? "",
            Priority = (int)(Long(JobFields.Priority) ?? 0),
            Status = Str(JobFields.Status) ?? "",
            Attempt = (int)(Long(JobFields.Attempt) ?? 0),
            CreatedAt = Time(JobFields.CreatedAt) ?? DateTimeOffset.MinValue,
            ClaimedAt = Time(JobFields.ClaimedAt),
            StartedAt = Time(JobFields.StartedAt),
            FinishedAt = Time(JobFields.FinishedAt),
            ExitCode = (int?)Long(JobFields.ExitCode),
            Stdout = Str(JobFields.Stdout) ?? (Str(JobFields.FinishedAt) is null ? null : ""),
            Stderr = Str(JobFields.Stderr) ?? (Str(JobFields.FinishedAt) is null ? null : ""),
            StdoutTruncated = Str(JobFields.StdoutTruncated) == "1",
            StderrTruncated = Str(JobFields.StderrTruncated) == "1",
            FailureReason = Str(JobFields.FailureReason),
            FailureMessage = Str(JobFields.FailureMessage),
            WorkerId = Str(JobFields.WorkerId),
            ExecutorId = Str(JobFields.ExecutorId),
            DurationMs = Long(JobFields.DurationMs),
            Args = DeserializeOr<string[]>(map.GetValueOrDefault(JobFields.Args), []),
            Env = DeserializeOr<Dictionary<string, string>>(map.GetValueOrDefault(JobFields.Env), []),
            TimeoutSeconds = (int)(Long(JobFields.TimeoutSeconds) ?? 0),
            Retry = ToRetryPolicy(map.GetValueOrDefault(JobFields.MaxAttempts), map.GetValueOrDefault(JobFields.RetryInitialSeconds),
                map.GetValueOrDefault(JobFields.RetryCoefficient), map.GetValueOrDefault(JobFields.RetryMaxSeconds),
                map.GetValueOrDefault(JobFields.RetryOnExitCode)),
            NextAttemptAt = Time(JobFields.NextAttemptAt),
            QueueTimeoutSeconds = (int?)Long(JobFields.QueueTimeoutSeconds),
            TotalTimeoutSeconds = (int?)Long(JobFields.TotalTimeoutSeconds),
            Input = Str(JobFields.Input),
            Durable = Str(JobFields.Durable) == "1",
            Inputs = DeserializeOr<InputFile[]>(map.GetValueOrDefault(JobFields.Inputs), []),
            Outputs = DeserializeOr<string[]>(map.GetValueOrDefault(JobFields.Outputs), []),
            HttpAllowedHosts = DeserializeOr<string[]>(map.GetValueOrDefault(JobFields.HttpAllowedHosts), []),
            Secrets = DeserializeOr<Dictionary<string, string>>(map.GetValueOrDefault(JobFields.Secrets), []),
            Output = Str(JobFields.Output),
            Progress = Str(JobFields.Progress) is { } progress ? JsonSerializer.Deserialize<JobProgress>(progress, Json) : null,
            Artifacts = DeserializeOr<Artifact[]>(map.GetValueOrDefault(JobFields.Artifacts), []),
            TraceId = Str(JobFields.TraceParent) is { Length: 55 } traceParent ? traceParent[3..35] : null,
        };
    }

    private static int? IntOrNull(RedisValue value) => value.IsNullOrEmpty ? null : (int)value;

    private static DateTimeOffset? MsOrNull(RedisValue value) =>
        value.IsNullOrEmpty ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)value);

    internal static RedisValue EarliestMs(DateTimeOffset? a, DateTimeOffset? b) =>
        (a, b) switch
        {
            (null, null) => "",
            ({ } x, null) => x.ToUnixTimeMilliseconds(),
            (null, { } y) => y.ToUnixTimeMilliseconds(),
            ({ } x, { } y) => Math.Min(x.ToUnixTimeMilliseconds(), y.ToUnixTimeMilliseconds()),
        };

    private static RetryPolicy ToRetryPolicy(RedisValue max, RedisValue initial, RedisValue coefficient, RedisValue maxInterval, RedisValue onExit) =>
        new()
        {
            MaxAttempts = max.IsNullOrEmpty ? RetryPolicy.Default.MaxAttempts : (int)max,
            InitialIntervalSeconds = initial.IsNullOrEmpty ? RetryPolicy.Default.InitialIntervalSeconds : (double)initial,
            BackoffCoefficient = coefficient.IsNullOrEmpty ? RetryPolicy.Default.BackoffCoefficient : (double)coefficient,
            MaxIntervalSeconds = maxInterval.IsNullOrEmpty ? RetryPolicy.Default.MaxIntervalSeconds : (double)maxInterval,
            RetryOnExitCode = onExit == "1",
        };

    private static T DeserializeOr<T>(RedisValue value, T fallback) where T : class =>
        value.IsNullOrEmpty ? fallback : JsonSerializer.Deserialize<T>(value.ToString(), Json) ?? fallback;

    internal static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
