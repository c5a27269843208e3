using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.Security;
using MvmCi.Jobs.State;
using MvmCi.Worker.Options;

namespace MvmCi.Worker.Execution;

/// <summary>
/// Calls an executor's <c>POST /v1/executions</c> and reads its NDJSON answer. A request that
/// cannot be delivered is retried, on another executor of the pool when there is one (the guest
/// has not started); once the guest has started, nothing is retried.
/// </summary>
public sealed class ExecutorClient(
    HttpClient http, ExecutorEndpoints endpoints, IOptions<WorkerOptions> options, IOptions<SecurityOptions> security,
    ILogger<ExecutorClient> logger) : IJobExecutor
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="onStarted">Awaited when the executor reports that the guest started: executor id and time.</param>
    /// <param name="onOutput">Awaited with each piece of live output: stream (stdout, stderr, log) and text.</param>
    /// <param name="onProgress">Awaited with each progress report of the guest.</param>
    public async Task<(ExecutionResult Result, string? ExecutorId)> ExecuteAsync(
        ExecutionRequest request, Func<string, DateTimeOffset, Task> onStarted, Func<string, string, Task> onOutput,
        Func<JobProgress, Task> onProgress,
        CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(request.TimeoutSeconds + options.Value.ExecutorGraceSeconds));
        var (response, executor) = await SendAsync(request, deadline.Token).ConfigureAwait(false);
        using var _ = response;

        string? executorId = null;
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
            using var reader = new StreamReader(body);
            while (await reader.ReadLineAsync(deadline.Token).ConfigureAwait(false) is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }
                var item = JsonSerializer.Deserialize<ExecutionEvent>(line, Json)
                    ?? throw new JsonException("Empty execution event.");
                executorId = item.ExecutorId;
                if (item.Type == ExecutionEvent.StartedType)
                {
                    await onStarted(item.ExecutorId, item.At).ConfigureAwait(false);
                }
                else if (item.Type == ExecutionEvent.OutputType && item.Stream is { } stream && item.Text is { } text)
                {
                    await onOutput(stream, text).ConfigureAwait(false);
                }
                else if (item.Type == ExecutionEvent.ProgressType && item.Progress is { } progress)
                {
                    await onProgress(progress).ConfigureAwait(false);
                }
                else if (item.Result is { } result)
                {
                    return (result, executorId);
                }
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or JsonException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            if (ex is HttpRequestException or IOException)
            {
                // The executor died or dropped us mid-run: leave it out while the job's retry goes elsewhere.
                endpoints.MarkDown(executor);
            }
            logger.LogWarning(ex, "Lost the answer of executor {Executor} for job {JobId} attempt {Attempt}", executor, request.JobId, request.Attempt);
            return (new ExecutionResult
            {
                FailureReason = FailureReasons.ExecutorError,
                FailureMessage = $"The executor's answer broke off: {ex.Message}",
            }, executorId);
        }

        return (new ExecutionResult
        {
            FailureReason = FailureReasons.ExecutorError,
            FailureMessage = "The executor ended its answer without a result.",
        }, executorId);
    }

    private async Task<(HttpResponseMessage Response, Uri Executor)> SendAsync(ExecutionRequest request, CancellationToken cancellationToken)
    {
        var attempts = options.Value.ExecutorConnectAttempts;
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            var executor = endpoints.Next();
            try
            {
                using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(executor, "/v1/executions"))
                {
                    Content = JsonContent.Create(request, options: Json),
                    // The executor runs jobs only for workers holding the deployment's service key.
                    Headers = { Authorization = new AuthenticationHeaderValue(ServiceAuthentication.Scheme, security.Value.ServiceKey) },
                };
                // Headers-read: the started line must reach us while the guest runs, not with the result. An
                // executor answers its headers at once; one that does not (a dead process behind a proxy that
                // still accepts connections) counts as unreachable.
                using var accept = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                accept.CancelAfter(TimeSpan.FromSeconds(options.Value.ExecutorConnectTimeoutSeconds));
                try
                {
                    response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, accept.Token)
                        .ConfigureAwait(false);
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new HttpRequestException($"{executor} did not accept the call within {options.Value.ExecutorConnectTimeoutSeconds} s.", ex);
                }
            }
            catch (HttpRequestException ex) when (attempt < attempts && !cancellationToken.IsCancellationRequested)
            {
                endpoints.MarkDown(executor);
                // Another executor of the pool takes it at once; a lone executor gets a moment to come back.
                var delay = endpoints.HasOtherThan(executor)
                    ? TimeSpan.Zero
                    : TimeSpan.FromMilliseconds(Math.Min(5000, 100 * Math.Pow(2, attempt)));
                logger.LogWarning(ex, "Executor {Executor} unreachable for job {JobId} (try {Try} of {Tries}); retrying in {Delay}",
                    executor, request.JobId, attempt, attempts, delay);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (HttpRequestException ex)
            {
                endpoints.MarkDown(executor);
                throw new ExecutorUnavailableException($"No executor answered at {executor}: {ex.Message}", ex);
            }

            if (response.IsSuccessStatusCode)
            {
                endpoints.MarkUp(executor);
                return (response, executor);
            }
            var detail = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            response.Dispose();
            throw new ExecutorRejectedException($"The executor refused the request ({status}): {detail}");
        }
    }
}
