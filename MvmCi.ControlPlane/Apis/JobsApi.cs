using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MvmCi.ControlPlane.Jobs;
using MvmCi.ControlPlane.Modules;
using MvmCi.ControlPlane.Options;
using MvmCi.ControlPlane.Security;
using MvmCi.Jobs;
using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.Redis;
using MvmCi.Jobs.Security;
using MvmCi.Jobs.State;
using MvmCi.Jobs.Telemetry;

namespace MvmCi.ControlPlane.Apis;

/// <summary>Jobs: <c>/api/jobs</c>.</summary>
public static class JobsApi
{
    public const int MaxPageSize = 500;
    public const int MaxIdempotencyKeyLength = 256;

    private static readonly ActivitySource Source = new("MvmCi.ControlPlane");

    private static readonly JsonSerializerOptions SubmitJson = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
        NumberHandling = JsonNumberHandling.Strict,
    };

    public static RouteGroupBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/jobs").WithTags("Jobs");
        api.AddEndpointFilter<JobScopeFilter>();
        api.MapPost("/", SubmitAsync)
            .RequireAuthorization(AccessPolicies.Submit)
            .RequireRateLimiting(RateLimits.Submit)
            .WithName("SubmitJob")
            .WithSummary("Submit a job: { module, args, env, stdin, timeoutSeconds } (only module is required); ?wait=N answers once the job is final (200) or after N seconds (202).")
            .Accepts<SubmitJobRequest>("application/json");
        api.MapGet("/", ListAsync)
            .WithName("ListJobs")
            .WithSummary("List jobs, newest first (order=asc: oldest first); filter by status and queue, page with limit and cursor. With Accept: text/event-stream, a 'page' event each time the page changes.");
        api.MapGet("/{id}", GetAsync)
            .WithName("GetJob")
            .WithSummary("Get a job's status and outcome; ?wait=N holds the answer up to N seconds until the job is final (a long poll). With Accept: text/event-stream, a 'job' event each time it changes, then 'end' once it is final.");
        api.MapPost("/{id}/cancel", CancelAsync)
            .RequireAuthorization(AccessPolicies.Submit)
            .WithName("CancelJob")
            .WithSummary("Cancel a job: a queued one never starts, a running one is interrupted and ends cancelled.");
        api.MapPost("/{id}/retry", RetryAsync)
            .RequireAuthorization(AccessPolicies.Submit)
            .RequireRateLimiting(RateLimits.Submit)
            .WithName("RetryJob")
            .WithSummary("Start a new attempt of a failed or cancelled job.");
        api.MapGet("/{id}/logs", JobLogsApi.GetLogsAsync)
            .WithName("GetJobLogs")
            .WithSummary("A job's output so far; with ?follow=true, new output streams live (server-sent events) until the job ends.");
        api.MapGet("/{id}/artifacts", JobArtifactsApi.ListAsync)
            .WithName("ListJobArtifacts")
            .WithSummary("The files collected from the job's outputs, each with its download URL.");
        api.MapGet("/{id}/artifacts/{*path}", JobArtifactsApi.DownloadAsync)
            .WithName("DownloadJobArtifact")
            .WithSummary("Download one artifact of the job.");
        api.MapGet("/{id}/journal", JobJournalApi.GetAsync)
            .WithName("GetJobJournal")
            .WithSummary("The durable-execution journal: one entry per host call, in call order.");
        api.MapGet("/{id}/events", JobEventsApi.GetEventsAsync)
            .WithName("GetJobEvents")
            .WithSummary("A job's history of transitions; with Accept: text/event-stream, new ones stream live.");
        return api;
    }

    /// <param name="wait">
    /// Seconds to hold the answer until the job is final (0 to <see cref="MaxWaitSeconds"/>): submit and wait in one
    /// request. A job final in time is answered <c>200</c> with its outcome, otherwise <c>202</c> as without a wait.
    /// </param>
    public static async Task<Results<Ok<JobRecord>, Accepted<JobRecord>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        HttpRequest http, JobStore jobs, ModuleResolver modules, BlobStore blobs, SecretStore secrets, JobMetrics metrics,
        JobFinishSignal finishes, TimeProvider time, IOptions<ControlPlaneOptions> options, CancellationToken cancellationToken, double? wait = null)
    {
        var settings = options.Value;
        if (InvalidWait(wait) is { } invalid)
        {
            return invalid;
        }
        if (!http.HasJsonContentType())
        {
            return Problems.Of(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
                $"Send the job as JSON with 'Content-Type: application/json' (got '{http.ContentType ?? "none"}').");
        }
        if (http.ContentLength > settings.MaxJobBodyBytes)
        {
            return Problems.Of(StatusCodes.Status413PayloadTooLarge, "Job too large",
                $"A job submission may be at most {settings.MaxJobBodyBytes} bytes.");
        }

        var idempotencyKey = http.Headers["Idempotency-Key"].ToString();
        if (idempotencyKey.Length > MaxIdempotencyKeyLength)
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "Invalid Idempotency-Key",
                $"The Idempotency-Key header may be at most {MaxIdempotencyKeyLength} characters.");
        }
        using var body = new MemoryStream();
        await http.Body.CopyToAsync(body, cancellationToken);
        if (body.Length > settings.MaxJobBodyBytes)
        {
            return Problems.Of(StatusCodes.Status413PayloadTooLarge, "Job too large",
                $"A job submission may be at most {settings.MaxJobBodyBytes} bytes.");
        }
        (string, string)? idempotency = idempotencyKey.Length == 0
            ? null
            : (idempotencyKey, Convert.ToHexStringLower(SHA256.HashData(body.GetBuffer().AsSpan(0, (int)body.Length))));

        SubmitJobRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<SubmitJobRequest>(body.GetBuffer().AsSpan(0, (int)body.Length), SubmitJson);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [field] = [Describe(ex)] },
                title: "Malformed job", detail: $"The body is not a valid job: {Describe(ex)}");
        }
        if (request is null)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["body"] = ["The body must be a JSON object."] },
                title: "Malformed job", detail: "The body must be a JSON object like {\"module\": \"name@version\"}.");
        }

        var errors = SubmitJobValidator.Validate(request, settings);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid job",
                detail: string.Join(" ", errors.Values.SelectMany(v => v)));
        }

        var reference = request.Module!;
        if (await modules.ResolveAsync(reference, cancellationToken) is not var (digest, moduleName))
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, "Unknown module",
                $"No module '{reference}' is in the registry: upload it first with POST /api/modules.");
        }

        IReadOnlyList<InputFile> inputs = [.. (request.Inputs ?? []).Select(i => new InputFile(i!.Path!, i.Blob!))];
        if (inputs.Count > 0 && await blobs.MissingAsync([.. inputs.Select(i => i.Blob).Distinct()], cancellationToken) is { Count: > 0 } missing)
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, "Unknown input blob",
                $"No blob {string.Join(", ", missing)} is stored: upload each input first with POST /api/blobs.");
        }
        if (request.Secrets is { Count: > 0 } named
            && await secrets.MissingAsync(named.Values.Select(v => v!), cancellationToken) is { Count: > 0 } unknownSecrets)
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, "Unknown secret",
                $"No secret {string.Join(", ", unknownSecrets.Select(n => $"'{n}'"))} is stored: an admin sets each one first with PUT /api/secrets/{{name}}.");
        }

        // With a wait, the job's end is watched before it exists, so even the fastest job cannot end unseen
        // and no read is needed between the submit and the wait.
        var id = JobIds.New(time.GetUtcNow());
        using var finish = wait > 0 ? await finishes.WatchAsync(id, cancellationToken) : null;
        using var activity = Source.StartActivity("job.submit", ActivityKind.Producer);
        JobSubmission Submission(string moduleDigest, string name) => new()
        {
            Id = id,
            Module = reference,
            ModuleDigest = moduleDigest,
            ModuleName = name,
            Queue = request.Queue ?? Queues.Default,
            Priority = request.Priority ?? 0,
            Args = [.. (request.Args ?? []).Select(a => a!)],
            Env = (request.Env ?? new Dictionary<string, string?>()).ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal),
            Stdin = request.Stdin,
            TimeoutSeconds = request.TimeoutSeconds ?? settings.DefaultTimeoutSeconds,
            Retry = new RetryPolicy
            {
                MaxAttempts = request.Retry?.MaxAttempts ?? settings.DefaultMaxAttempts,
                InitialIntervalSeconds = request.Retry?.InitialIntervalSeconds ?? RetryPolicy.Default.InitialIntervalSeconds,
                BackoffCoefficient = request.Retry?.BackoffCoefficient ?? RetryPolicy.Default.BackoffCoefficient,
                MaxIntervalSeconds = request.Retry?.MaxIntervalSeconds ?? RetryPolicy.Default.MaxIntervalSeconds,
                RetryOnExitCode = request.Retry?.RetryOnExitCode ?? false,
            },
            Idempotency = idempotency,
            QueueTimeoutSeconds = request.QueueTimeoutSeconds,
            TotalTimeoutSeconds = request.TotalTimeoutSeconds,
            TraceParent = Activity.Current?.Id,
            Input = request.Input,
            Durable = request.Durable ?? false,
            Inputs = inputs,
            Outputs = [.. (request.Outputs ?? []).Select(o => o!.TrimEnd('/')).Distinct(StringComparer.Ordinal)],
            HttpAllowedHosts = [.. (request.HttpAllowedHosts ?? []).Select(h => h!).Distinct(StringComparer.OrdinalIgnoreCase)],
            Secrets = (request.Secrets ?? new Dictionary<string, string?>()).ToDictionary(s => s.Key, s => s.Value!, StringComparer.Ordinal),
        };
        ProblemHttpResult ModuleDeleted() => Problems.Of(StatusCodes.Status422UnprocessableEntity, "Unknown module",
            $"Module '{reference}' was deleted from the registry: upload it again with POST /api/modules.");
        SubmitResult submitted;
        try
        {
            submitted = await jobs.SubmitAsync(Submission(digest, moduleName), cancellationToken);
        }
        catch (ModuleDeletedException)
        {
            // What was remembered of the reference is stale: its module was deleted, and its name may be bound
            // to new bytes since. Resolve it afresh and submit once more if it now names another module.
            modules.Forget(reference);
            if (await modules.ResolveAsync(reference, cancellationToken) is not var (fresh, freshName) || fresh == digest)
            {
                return ModuleDeleted();
            }
            try
            {
                submitted = await jobs.SubmitAsync(Submission(fresh, freshName), cancellationToken);
            }
            catch (ModuleDeletedException)
            {
                modules.Forget(reference);
                return ModuleDeleted();
            }
        }
        var job = submitted.Job;
        activity?.SetTag("mvmci.job.id", job.Id);
        activity?.SetTag("mvmci.module.digest", job.ModuleDigest);

        if (!submitted.Replayed)
        {
            metrics.Submitted(job.Queue);
        }
        if (submitted.Replayed)
        {
            if (!submitted.BodyMatches)
            {
                return Problems.Of(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
                    $"The Idempotency-Key was already used for job {job.Id} with a different body; use a new key for a new job.");
            }
            http.HttpContext.Response.Headers["Idempotent-Replayed"] = "true";
        }
        // The submit span ends here; a wait is the request's, not the submit's.
        activity?.Stop();
        if (wait > 0 && !JobStatus.IsTerminal(job.Status))
        {
            job = (submitted.Replayed
                ? await WaitUntilFinalAsync(job.Id, jobs, finishes, TimeSpan.FromSeconds(wait.Value), cancellationToken)
                : await AwaitFinishAsync(finish!, job.Id, jobs, TimeSpan.FromSeconds(wait.Value), cancellationToken)) ?? job;
        }
        if (JobStatus.IsTerminal(job.Status) && wait > 0)
        {
            http.HttpContext.Response.Headers.Location = $"/api/jobs/{job.Id}";
            return TypedResults.Ok(job);
        }
        return TypedResults.Accepted($"/api/jobs/{job.Id}", job);
    }

    private static ProblemHttpResult? InvalidWait(double? wait) =>
        wait is < 0 or > MaxWaitSeconds || (wait is { } w && !double.IsFinite(w))
            ? Problems.Of(StatusCodes.Status400BadRequest, "Invalid wait", $"'wait' must be between 0 and {MaxWaitSeconds} seconds.")
            : null;

    /// <summary>
    /// The job once it is final, or as it is when <paramref name="wait"/> is over; null when it is unknown. The watch
    /// begins before the read, so an end between the two is not missed.
    /// </summary>
    private static async Task<JobRecord?> WaitUntilFinalAsync(
        string id, JobStore jobs, JobFinishSignal finishes, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var finish = await finishes.WatchAsync(id, cancellationToken);
        var job = await jobs.GetAsync(id, cancellationToken);
        if (job is null || JobStatus.IsTerminal(job.Status))
        {
            return job;
        }
        return await AwaitFinishAsync(finish, id, jobs, wait, cancellationToken) ?? job;
    }

    /// <summary>The job once <paramref name="finish"/> fired or <paramref name="wait"/> is over, whichever is first.</summary>
    private static async Task<JobRecord?> AwaitFinishAsync(
        FinishWatch finish, string id, JobStore jobs, TimeSpan wait, CancellationToken cancellationToken)
    {
        // The timer is stopped as soon as the job ends: thousands of waits would otherwise each leave one
        // behind for the rest of their wait.
        using (var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            await Task.WhenAny(finish.Finished, Task.Delay(wait, timer.Token));
            await timer.CancelAsync();
        }
        cancellationToken.ThrowIfCancellationRequested();
        return await jobs.GetAsync(id, cancellationToken);
    }

    /// <summary>The longest <c>wait</c> a client may ask for.</summary>
    public const int MaxWaitSeconds = 60;

    /// <param name="wait">Seconds to hold the answer until the job is final (0 to <see cref="MaxWaitSeconds"/>): a long poll.</param>
    public static async Task<Results<Ok<JobRecord>, EmptyHttpResult, ProblemHttpResult>> GetAsync(
        string id, HttpContext context, JobStore jobs, JobFinishSignal finishes, CancellationToken cancellationToken, double? wait = null)
    {
        if (InvalidWait(wait) is { } invalid)
        {
            return invalid;
        }
        if (!Guid.TryParse(id, out _))
        {
            return Problems.JobNotFound(id);
        }
        if (ServerSentEvents.IsAccepted(context.Request))
        {
            // Watch before reading, so an end between the read and the stream's first wait is not missed.
            using var finish = await finishes.WatchAsync(id, cancellationToken);
            if (await jobs.GetAsync(id, cancellationToken) is null)
            {
                return Problems.JobNotFound(id);
            }
            await ServerSentEvents.WatchAsync(context, "job", token => jobs.GetAsync(id, token),
                isFinal: j => JobStatus.IsTerminal(j.Status), changeKey: null, cancellationToken, finish.Finished);
            return TypedResults.Empty;
        }
        var job = wait > 0
            ? await WaitUntilFinalAsync(id, jobs, finishes, TimeSpan.FromSeconds(wait.Value), cancellationToken)
            : await jobs.GetAsync(id, cancellationToken);
        if (job is null)
        {
            return Problems.JobNotFound(id);
        }
        return TypedResults.Ok(job);
    }

    public static async Task<Results<Ok<JobRecord>, Accepted<JobRecord>, ProblemHttpResult>> CancelAsync(
        string id, JobStore jobs, CancellationToken cancellationToken)
    {
        var outcome = Guid.TryParse(id, out _) ? await jobs.CancelAsync(id, cancellationToken) : CancelOutcome.NotFound;
        var job = outcome == CancelOutcome.NotFound ? null : await jobs.GetAsync(id, cancellationToken);
        return (outcome, job) switch
        {
            (_, null) => Problems.JobNotFound(id),
            (CancelOutcome.Cancelled, _) => TypedResults.Ok(job),
            (CancelOutcome.Requested, _) => TypedResults.Accepted($"/api/jobs/{id}", job),
            _ => Problems.Of(StatusCodes.Status409Conflict, "Job already finished",
                $"Job {id} is {job.Status}; only pending, claimed or running jobs can be cancelled."),
        };
    }

    public static async Task<Results<Accepted<JobRecord>, ProblemHttpResult>> RetryAsync(
        string id, JobStore jobs, CancellationToken cancellationToken)
    {
        var retried = Guid.TryParse(id, out _) ? await jobs.RetryAsync(id, Activity.Current?.Id, cancellationToken) : new TransitionResult(TransitionOutcome.Missing, "", 0);
        var job = retried.Outcome == TransitionOutcome.Missing ? null : await jobs.GetAsync(id, cancellationToken);
        return (retried.Outcome, job) switch
        {
            (_, null) => Problems.JobNotFound(id),
            (TransitionOutcome.Applied, _) => TypedResults.Accepted($"/api/jobs/{id}", job),
            _ => Problems.Of(StatusCodes.Status409Conflict, "Job cannot be retried",
                $"Job {id} is {job.Status}; only failed or cancelled jobs can be retried."),
        };
    }

    public static async Task<Results<Ok<JobList>, EmptyHttpResult, ProblemHttpResult>> ListAsync(
        HttpContext context, JobStore jobs, CancellationToken cancellationToken,
        string? status = null, string? queue = null, string? order = null, int? limit = null, string? cursor = null)
    {
        if (status is not null && !JobStatus.IsKnown(status))
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "Unknown status",
                $"'status' must be one of {string.Join(", ", JobStatus.All)}; got '{status}'.");
        }
        if (queue is not null && !ModuleReference.IsName(queue))
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "Invalid queue",
                "'queue' must be a queue name: letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }
        if (order is not null and not ("desc" or "asc"))
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "Invalid order", $"'order' must be 'desc' (newest first) or 'asc' (oldest first); got '{order}'.");
        }
        if (limit is < 1 or > MaxPageSize)
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "Invalid limit", $"'limit' must be between 1 and {MaxPageSize}.");
        }
        if (cursor is not null && !Guid.TryParse(cursor, out _))
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "Invalid cursor", "'cursor' must be the 'next' value of a previous page.");
        }

        var query = new JobQuery(status, queue, order == "asc", limit ?? 50, cursor);
        if (!ServerSentEvents.IsAccepted(context.Request))
        {
            var page = await jobs.ListAsync(query, cancellationToken);
            return TypedResults.Ok(new JobList(page.Items, page.Next));
        }
        await ServerSentEvents.WatchAsync(context, "page", async token =>
        {
            var page = await jobs.ListAsync(query, token);
            return new JobList(page.Items, page.Next);
        }, isFinal: null, changeKey: null, cancellationToken);
        return TypedResults.Empty;
    }

    private static string Describe(JsonException ex)
    {
        // System.Text.Json's messages name CLR types; keep the part a client can act on.
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var where = string.IsNullOrEmpty(ex.Path) ? "" : $" at {ex.Path}";
        return (cut > 0 ? message[..cut] : message) + where;
    }
}
