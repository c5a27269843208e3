using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.Redis;

namespace MvmCi.Cli.Tests;

/// <summary>
/// A stand-in for the control plane on a random loopback port: the real paths and answer shapes (the
/// <c>MvmCi.Jobs</c> contract records, RFC 7807 problems, the logs' server-sent events), with canned data.
/// A job's module picks its story: <c>ok@1</c> completes, <c>three@1</c> exits 3, <c>trap@1</c> traps, <c>stop@1</c> is cancelled.
/// API keys, secrets and the rate limit are in <c>FakeControlPlane.Access.cs</c>.
/// </summary>
public sealed partial class FakeControlPlane : IAsyncDisposable
{
    public const string CompletedJobId = "0b9d5c8e-1f7a-4e0a-9d61-3f1d2c7a0001";
    public const string PendingJobId = "0b9d5c8e-1f7a-4e0a-9d61-3f1d2c7a0002";
    public const string RunningJobId = "0b9d5c8e-1f7a-4e0a-9d61-3f1d2c7a0003";
    public const string FailedJobId = "0b9d5c8e-1f7a-4e0a-9d61-3f1d2c7a0004";
    public const string Digest = "sha256:4f3c2b1a00000000000000000000000000000000000000000000000000000000";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, FakeJob> _jobs = new();

    private FakeControlPlane(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>Each request as "METHOD /path?query".</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public ConcurrentQueue<JsonObject> Submissions { get; } = new();

    public string? LastModuleContentType { get; private set; }

    /// <summary>When set, the logs stream stops after its first piece until this completes: the test sees what was streamed so far.</summary>
    public TaskCompletionSource? LogGate { get; set; }

    public static async Task<FakeControlPlane> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeControlPlane(app);
        fake.Map();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        fake.Url = new Uri(address);
        return fake;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private void Map()
    {
        _app.Use(async (context, next) =>
        {
            var request = $"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}";
            Requests.Enqueue(request);
            Authorizations.Enqueue((request, context.Request.Headers.Authorization.FirstOrDefault()));
            await next(context);
        });
        MapAccess();
        _app.MapPost("/api/modules", UploadAsync);
        _app.MapPost("/api/jobs", SubmitAsync);
        _app.MapGet("/api/jobs", () => Results.Ok(new { items = new[] { Job(CompletedJobId, "completed", exitCode: 0), Job(FailedJobId, "failed", exitCode: 3, reason: "exit_code") }, next = (string?)null }));
        _app.MapGet("/api/jobs/{id}", (string id) => Find(id) is { } job ? Results.Ok(job) : NotFound(id));
        _app.MapPost("/api/jobs/{id}/cancel", (string id) => id switch
        {
            PendingJobId => Results.Ok(Job(id, "cancelled", reason: "cancelled")),
            RunningJobId => Results.Accepted($"/api/jobs/{id}", Job(id, "running")),
            CompletedJobId => Results.Problem(title: "Job already finished", detail: $"Job {id} is completed; only pending, claimed or running jobs can be cancelled.", statusCode: 409),
            _ => NotFound(id),
        });
        _app.MapPost("/api/jobs/{id}/retry", (string id) => id == FailedJobId ? Results.Accepted($"/api/jobs/{id}", Job(id, "pending")) : NotFound(id));
        _app.MapGet("/api/jobs/{id}/logs", LogsAsync);
        _app.MapGet("/api/workers", () => Results.Ok(new { items = new[] { Worker("worker-1", "online", 2), Worker("worker-2", "draining", 0) } }));
        _app.MapGet("/api/queue/stats", () => Results.Ok(new QueueStats(Pending: 4, Claimed: 1, Running: 2, Completed: 37, Failed: 3, Cancelled: 1, Total: 48)));
    }

    private async Task<IResult> UploadAsync(HttpRequest request, string? name, string? version)
    {
        LastModuleContentType = request.ContentType;
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        return Results.Created($"/api/modules/{Digest}", new ModuleRecord
        {
            Digest = Digest, Size = body.Length, Name = name, Version = version, Imports = [], Exports = [new ModuleSymbol(null, "_start", "func")],
            Aliases = name is null ? [] : [$"{name}@{version}"], CreatedAt = DateTimeOffset.UtcNow,
        });
    }

    private async Task<IResult> SubmitAsync(HttpRequest request)
    {
        var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
        Submissions.Enqueue(body);
        var module = (string)body["module"]!;
        var id = Guid.NewGuid().ToString();
        var final = module switch
        {
            "ok@1" => Job(id, "completed", exitCode: 0, module: module),
            "three@1" => Job(id, "failed", exitCode: 3, reason: "exit_code", module: module),
            "trap@1" => Job(id, "failed", reason: "trap", message: "wasm trap: wasm `unreachable` instruction executed", module: module),
            "stop@1" => Job(id, "cancelled", reason: "cancelled", module: module),
            _ => null,
        };
        if (final is null)
        {
            return Results.Problem(title: "Unknown module", detail: $"No module '{module}' is in the registry: upload it first with POST /api/modules.", statusCode: 422);
        }
        var job = new FakeJob(Job(id, "pending", module: module),
            [Job(id, "claimed", module: module) with { WorkerId = "worker-1", Attempt = 1 }, Job(id, "running", module: module) with { WorkerId = "worker-1", Attempt = 1 }, final]);
        _jobs[id] = job;
        return Results.Accepted($"/api/jobs/{id}", job.Submitted);
    }

    private async Task LogsAsync(string id, HttpContext context, bool follow = false)
    {
        if (!_jobs.ContainsKey(id) || !follow)
        {
            await NotFound(id).ExecuteAsync(context);
            return;
        }
        context.Response.ContentType = "text/event-stream";
        await WriteEventAsync(context, new LogEntry("1-0", OutputStreams.Stdout, "hello ", 1));
        if (LogGate is { } gate)
        {
            await gate.Task.WaitAsync(TimeSpan.FromSeconds(30), context.RequestAborted);
        }
        await WriteEventAsync(context, new LogEntry("2-0", OutputStreams.Stdout, "world\n", 1));
        await WriteEventAsync(context, new LogEntry("3-0", OutputStreams.Stderr, "a warning\n", 1));
        await WriteEventAsync(context, new LogEntry("4-0", OutputStreams.Log, "[info] step one\n", 1));
        await context.Response.WriteAsync("event: end\ndata: {}\n\n", context.RequestAborted);
    }

    private static async Task WriteEventAsync(HttpContext context, LogEntry entry)
    {
        await context.Response.WriteAsync($"id: {entry.Id}\nevent: {entry.Stream}\ndata: {JsonSerializer.Serialize(entry, Json)}\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private JobRecord? Find(string id) => id switch
    {
        CompletedJobId => Job(id, "completed", exitCode: 0) with { Stdout = "hello world\n", DurationMs = 42, WorkerId = "worker-1", Args = ["hello", "world"] },
        FailedJobId => Job(id, "failed", exitCode: 3, reason: "exit_code"),
        _ => _jobs.TryGetValue(id, out var job) ? job.Read() : null,
    };

    private static IResult NotFound(string id) =>
        Results.Problem(title: "Job not found", detail: $"No job has the id '{id}'.", statusCode: 404);

    private static JobRecord Job(string id, string status, int? exitCode = null, string? reason = null, string? message = null, string module = "echo@1") => new()
    {
        Id = id, Module = module, ModuleDigest = Digest, Queue = "default", Status = status, Attempt = status == "pending" ? 0 : 1,
        CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-1), ExitCode = exitCode, FailureReason = reason, FailureMessage = message, TimeoutSeconds = 60,
    };

    private static WorkerRecord Worker(string id, string state, int running) => new()
    {
        Id = id, Queues = ["default"], Slots = 4, Running = running, Completed = 12, Failed = 1, State = state,
        LastSeen = DateTimeOffset.UtcNow, StartedAt = DateTimeOffset.UtcNow.AddHours(-1), Host = "ci-host", ProcessId = 4242,
    };
}
