using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using MvmCi.Execution;
using MvmCi.Flawless.Extensions;
using MvmCi.Jobs.Contracts;

namespace MvmCi.Flawless.Apis;

/// <summary>
/// <c>POST /v1/executions</c>: runs one guest. The answer is NDJSON, one <see cref="ExecutionEvent"/>
/// per line: <c>started</c> when the guest begins, then its <c>result</c>. The worker marks the job
/// running on the first line, so "running" means the guest really started.
/// </summary>
public static class ExecutionsApi
{
    public const string NdjsonContentType = "application/x-ndjson";

    private static readonly ActivitySource Source = new("MvmCi.Flawless");
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly ReadOnlyMemory<byte> NewLine = "\n"u8.ToArray();

    public static IEndpointRouteBuilder MapExecutionsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/executions", ExecuteAsync)
            .WithName("Execute")
            .WithSummary("Run a WASI module and stream its start and result as NDJSON.");
        return app;
    }

    private static async Task ExecuteAsync(
        ExecutionRequest request, HttpContext context, WasiExecutor executor, IOptions<FlawlessOptions> options, ILoggerFactory loggers)
    {
        // Everything logged while this guest runs (the executor core's logs included) carries the job.
        using var scope = loggers.CreateLogger(typeof(ExecutionsApi)).BeginScope(new Dictionary<string, object>
        {
            ["JobId"] = request.JobId,
            ["Attempt"] = request.Attempt,
        });
        var executorId = options.Value.ExecutorId;
        var cancellationToken = context.RequestAborted;
        using var activity = Source.StartActivity("wasm.execute");
        activity?.SetTag("mvmci.job.id", request.JobId);
        activity?.SetTag("mvmci.job.attempt", request.Attempt);
        activity?.SetTag("mvmci.module.digest", request.ModuleDigest);

        var events = Channel.CreateUnbounded<ExecutionEvent>(new UnboundedChannelOptions { SingleReader = true });
        var run = RunAsync(request, executor, executorId, events.Writer, cancellationToken);

        context.Response.ContentType = NdjsonContentType;
        // Headers go out at once, before the guest waits for a slot: the worker knows within moments that this
        // executor took the call, and treats one that never answers as unreachable.
        await context.Response.StartAsync(cancellationToken);
        await foreach (var item in events.Reader.ReadAllAsync(cancellationToken))
        {
            await JsonSerializer.SerializeAsync(context.Response.Body, item, Json, cancellationToken);
            await context.Response.Body.WriteAsync(NewLine, cancellationToken);
            await context.Response.Body.FlushAsync(cancellationToken);
            if (item.Result is { } result)
            {
                activity?.SetTag("mvmci.exit_code", result.ExitCode);
                activity?.SetTag("mvmci.failure_reason", result.FailureReason);
                activity?.SetTag("mvmci.fuel_consumed", result.FuelConsumed);
                if (!result.Succeeded)
                {
                    activity?.SetStatus(ActivityStatusCode.Error, result.FailureReason);
                }
            }
        }
        await run;
    }

    private static async Task RunAsync(
        ExecutionRequest request, WasiExecutor executor, string executorId,
        ChannelWriter<ExecutionEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            var result = await executor.ExecuteAsync(request, new ChannelObserver(events, executorId), cancellationToken);
            events.TryWrite(new ExecutionEvent { Type = ExecutionEvent.ResultType, ExecutorId = executorId, At = DateTimeOffset.UtcNow, Result = result });
            events.TryComplete();
        }
        catch (Exception ex)
        {
            events.TryComplete(ex);
        }
    }

    /// <summary>Turns what the run reports into NDJSON events, without blocking the guest.</summary>
    private sealed class ChannelObserver(ChannelWriter<ExecutionEvent> events, string executorId) : IExecutionObserver
    {
        public void OnStarted() =>
            events.TryWrite(new ExecutionEvent { Type = ExecutionEvent.StartedType, ExecutorId = executorId, At = DateTimeOffset.UtcNow });

        public void OnOutput(string stream, string text) =>
            events.TryWrite(new ExecutionEvent
            {
                Type = ExecutionEvent.OutputType, ExecutorId = executorId, At = DateTimeOffset.UtcNow, Stream = stream, Text = text,
            });

        public void OnProgress(JobProgress progress) =>
            events.TryWrite(new ExecutionEvent { Type = ExecutionEvent.ProgressType, ExecutorId = executorId, At = progress.At, Progress = progress });
    }
}
