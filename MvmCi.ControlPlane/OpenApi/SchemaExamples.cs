using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using MvmCi.ControlPlane.Apis;
using MvmCi.ControlPlane.Jobs;
using MvmCi.ControlPlane.Monitoring;
using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.Redis;

namespace MvmCi.ControlPlane.OpenApi;

/// <summary>
/// Puts an example on the schemas of the API's main documents, so the OpenAPI document and the Scalar
/// reference show what a request or an answer looks like, not only its types.
/// </summary>
public sealed class SchemaExamples : IOpenApiSchemaTransformer
{
    private const string JobId = "019a6f0e-6c2b-7b41-9d3e-5f1a2b3c4d5e";
    private const string Digest = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static readonly Dictionary<Type, string> Examples = new()
    {
        [typeof(SubmitJobRequest)] = """
            { "module": "echo@1", "args": ["hello", "world"], "env": { "CI": "true" }, "timeoutSeconds": 30,
              "queue": "default", "priority": 0, "retry": { "maxAttempts": 3, "initialIntervalSeconds": 1, "backoffCoefficient": 2 } }
            """,
        [typeof(JobRecord)] = $$"""
            { "id": "{{JobId}}", "module": "echo@1", "moduleDigest": "{{Digest}}", "queue": "default", "priority": 0,
              "status": "completed", "attempt": 1, "createdAt": "2026-12-01T12:00:00.000Z", "claimedAt": "2026-12-01T12:00:00.002Z",
              "startedAt": "2026-12-01T12:00:00.003Z", "finishedAt": "2026-12-01T12:00:00.004Z", "exitCode": 0,
              "stdout": "hello world\n", "stderr": "", "stdoutTruncated": false, "stderrTruncated": false,
              "failureReason": null, "failureMessage": null, "workerId": "worker-1", "executorId": "flawless", "durationMs": 1,
              "args": ["hello", "world"], "env": { "CI": "true" }, "timeoutSeconds": 30, "traceId": "4bf92f3577b34da6a3ce929d0e0e4736" }
            """,
        [typeof(ModuleRecord)] = $$"""
            { "digest": "{{Digest}}", "size": 1234, "name": "echo", "version": "1", "aliases": ["echo@1"],
              "imports": [{ "module": "wasi_snapshot_preview1", "name": "fd_write", "kind": "function" }],
              "exports": [{ "module": "", "name": "_start", "kind": "function" }], "createdAt": "2026-12-01T11:59:00Z" }
            """,
        [typeof(QueueStats)] = """{ "pending": 3, "claimed": 1, "running": 4, "completed": 1200, "failed": 7, "cancelled": 2, "total": 1217 }""",
        [typeof(WorkerRecord)] = """
            { "id": "worker-1", "queues": ["default"], "slots": 4, "running": 2, "completed": 600, "failed": 3, "state": "online",
              "lastSeen": "2026-12-01T12:00:02Z", "startedAt": "2026-12-01T11:00:00Z", "host": "node-a", "processId": 4242 }
            """,
        [typeof(ExecutorRecord)] = """
            { "id": "flawless", "kind": "service", "workerId": null, "slots": 8, "running": 2, "completed": 1190, "failed": 9,
              "modulesCached": 5, "state": "online", "lastSeen": "2026-12-01T12:00:02Z", "startedAt": "2026-12-01T11:00:00Z",
              "host": "node-b", "processId": 4343 }
            """,
        [typeof(QueueInfo)] = """
            { "queue": "default", "priority": 0, "stream": "default", "length": 1217, "waiting": 3, "inFlight": 5, "oldestWaitingSeconds": 0.42, "consumers": 2 }
            """,
        [typeof(JobEvent)] = """
            { "id": "1764590400003-0", "status": "running", "from": "claimed", "attempt": 1, "at": "2026-12-01T12:00:00.003Z", "detail": "started on flawless" }
            """,
        [typeof(LogEntry)] = """{ "id": "1764590400004-0", "stream": "stdout", "text": "hello world\n", "attempt": 1 }""",
        [typeof(BlobRecord)] = $$"""{ "digest": "{{Digest}}", "size": 5120 }""",
        [typeof(ArtifactItem)] = $$"""
            { "path": "report.json", "digest": "{{Digest}}", "size": 512, "skipped": null, "url": "/api/jobs/{{JobId}}/artifacts/report.json" }
            """,
        [typeof(RedisHealth)] = """{ "status": "up", "latencyMs": 0.21, "version": "7.0.15", "usedMemoryBytes": 1310720, "error": null }""",
        [typeof(MinuteCounts)] = """{ "minute": "2026-12-01T12:00:00Z", "submitted": 120, "completed": 117, "failed": 2, "cancelled": 1 }""",
    };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (Examples.TryGetValue(context.JsonTypeInfo.Type, out var example))
        {
            schema.Examples = [JsonNode.Parse(example)!];
        }
        return Task.CompletedTask;
    }

    /// <summary>The types that carry an example (for tests).</summary>
    public static IReadOnlyCollection<Type> Documented => Examples.Keys;
}
