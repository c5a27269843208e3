using System.Text.Json;
using Microsoft.Extensions.Options;
using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.State;
using MvmCi.Worker.Options;

namespace MvmCi.Worker.Execution;

/// <summary>
/// Calls an executor's <c>POST /v1/executions</c> and reads its NDJSON answer. A request that
/// cannot be delivered is retried (the guest has not started); once the guest has started,
/// nothing is retried.
/// </summary>
public sealed class ExecutorClient(HttpClient http, IOptions<WorkerOptions> options, ILogger<ExecutorClient> logger)
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
        using var response = await SendAsync(request, deadline.Token).ConfigureAwait(false);

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
            logger.LogWarning(ex, "Lost the executor's answer for job {JobId} attempt {Attempt}", request.JobId, request.Attempt);
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

    private async Task<HttpResponseMessage> SendAsync(ExecutionRequest request, CancellationToken cancellationToken)
    {
        var attempts = options.Value.ExecutorConnectAttempts;
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                using var message = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/executions", UriKind.Relative))
                {
                    Content = JsonContent.Create(request, options: Json),
                };
                // Headers-read: the started line must reach us while the guest runs, not with the result.
                response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (HttpRequestException ex) when (attempt < attempts && !cancellationToken.IsCancellationRequested)
            {
                var delay = TimeSpan.FromMilliseconds(Math.Min(5000, 100 * Math.Pow(2, attempt)));
                logger.LogWarning(ex, "Executor unreachable for job {JobId} (try {Try} of {Tries}); retrying in {Delay}",
                    request.JobId, attempt, attempts, delay);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (HttpRequestException ex)
            {
                throw new ExecutorUnavailableException($"No executor answered at {http.BaseAddress}: {ex.Message}", ex);
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }
            var detail = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            response.Dispose();
            throw new ExecutorRejectedException($"The executor refused the request ({status}): {detail}");
        }
    }
}
