using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MvmCi.Jobs.State;
using MvmCi.Testing;

namespace MvmCi.IntegrationTests;

/// <summary>
/// Hostile and malformed requests across the endpoints: each gets a clear 4xx problem details, the control plane stays
/// up, and nothing already accepted changes (a finished job and its module are read before and after every case).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class HostileInputTests(MvmCiAppFixture app)
{
    private const string UnknownJob = "01900000-0000-7000-8000-000000000000";
    private static readonly string UnknownDigest = "sha256:" + new string('0', 64);

    /// <summary>One request: method, path (<c>{job}</c> is replaced by the finished job's id), content type and body.</summary>
    public sealed record Case(string Name, string Method, string Path, string? ContentType, byte[]? Body, HttpStatusCode Expected, string? Header = null)
    {
        public override string ToString() => Name;
    }

    private static Case Submit(string name, string json, HttpStatusCode expected = HttpStatusCode.BadRequest) =>
        new(name, "POST", "/api/jobs", "application/json", Encoding.UTF8.GetBytes(json), expected);

    private static Case Upload(string name, string query, byte[] body, HttpStatusCode expected = HttpStatusCode.BadRequest) =>
        new(name, "POST", "/api/modules" + query, "application/wasm", body, expected);

    private static Case Get(string name, string path, HttpStatusCode expected) => new(name, "GET", path, null, null, expected);

    private static readonly byte[] Echo = Guests.Wasm("echo");

    public static TheoryData<Case> Cases() =>
    [
        // Submit: wrong types, out-of-range limits, injection and unicode in names.
        Submit("module is a number", """{"module": 5}"""),
        Submit("priority below 0", """{"module": "echo@1", "priority": -1}"""),
        Submit("priority above 9", """{"module": "echo@1", "priority": 10}"""),
        Submit("priority 1e100", """{"module": "echo@1", "priority": 1e100}"""),
        Submit("queue climbs out", """{"module": "echo@1", "queue": "../etc"}"""),
        Submit("queue with a space", """{"module": "echo@1", "queue": "a b"}"""),
        Submit("queue with Lua", """{"module": "echo@1", "queue": "x');redis.call('FLUSHALL');--"}"""),
        Submit("queue with a glob", """{"module": "echo@1", "queue": "*"}"""),
        Submit("maxAttempts 0", """{"module": "echo@1", "retry": {"maxAttempts": 0}}"""),
        Submit("maxAttempts a million", """{"module": "echo@1", "retry": {"maxAttempts": 1000000}}"""),
        Submit("negative backoff", """{"module": "echo@1", "retry": {"backoffCoefficient": -2}}"""),
        Submit("retry is a string", """{"module": "echo@1", "retry": "often"}"""),
        Submit("negative queue timeout", """{"module": "echo@1", "queueTimeoutSeconds": -5}"""),
        Submit("zero total timeout", """{"module": "echo@1", "totalTimeoutSeconds": 0}"""),
        Submit("fractional timeout", """{"module": "echo@1", "timeoutSeconds": 1.5}"""),
        Submit("timeout beyond a long", """{"module": "echo@1", "timeoutSeconds": 99999999999999999999}"""),
        Submit("NUL in an argument", """{"module": "echo@1", "args": ["a\u0000b"]}"""),
        Submit("empty env name", """{"module": "echo@1", "env": {"": "x"}}"""),
        Submit("NUL in an env value", """{"module": "echo@1", "env": {"K": "a\u0000b"}}"""),
        Submit("stdin is a number", """{"module": "echo@1", "stdin": 5}"""),
        Submit("durable is a string", """{"module": "echo@1", "durable": "yes"}"""),
        Submit("inputs is a string", """{"module": "echo@1", "inputs": "x"}"""),
        Submit("an allowed host with a scheme", """{"module": "echo@1", "httpAllowedHosts": ["http://example.org"]}"""),
        Submit("an allowed host that is a wildcard", """{"module": "echo@1", "httpAllowedHosts": ["*"]}"""),
        Submit("outputs hold a number", """{"module": "echo@1", "outputs": [5]}"""),
        Submit("lone surrogate as the module", """{"module": "\ud800"}"""),
        Submit("right-to-left override in the module", """{"module": "echo\u202e@1"}"""),
        Submit("nesting deeper than the reader allows", """{"module": "echo@1", "args": """ + new string('[', 5000) + new string(']', 5000) + "}"),
        Submit("body is a bare string", "\"echo@1\""),
        Submit("empty body", ""),
        new("invalid UTF-8", "POST", "/api/jobs", "application/json", [0x7B, 0x22, 0x6D, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D], HttpStatusCode.BadRequest),
        new("body over the size limit", "POST", "/api/jobs", "application/json",
            Encoding.UTF8.GetBytes("{\"module\": \"echo@1\", \"stdin\": \"" + new string('x', 3 * 1024 * 1024) + "\"}"), HttpStatusCode.RequestEntityTooLarge),
        new("Idempotency-Key of 1000 characters", "POST", "/api/jobs", "application/json", Encoding.UTF8.GetBytes("""{"module": "echo@1"}"""),
            HttpStatusCode.BadRequest, new string('k', 1000)),
        Submit("an unknown module", """{"module": "nobody@1"}""", HttpStatusCode.UnprocessableEntity),
        new("wait is not a number", "POST", "/api/jobs?wait=soon", "application/json", Encoding.UTF8.GetBytes("""{"module": "echo@1"}"""), HttpStatusCode.BadRequest),
        new("wait of a billion seconds", "POST", "/api/jobs?wait=1e9", "application/json", Encoding.UTF8.GetBytes("""{"module": "echo@1"}"""), HttpStatusCode.BadRequest),

        // Module uploads: not wasm, broken wasm, bad names.
        Upload("truncated wasm", "", Echo[..20]),
        Upload("empty upload", "", []),
        Upload("wasm magic then garbage", "", [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF]),
        Upload("a component, not a core module", "", [0x00, 0x61, 0x73, 0x6D, 0x0D, 0x00, 0x01, 0x00]),
        Upload("a PNG with the wasm type", "", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        Upload("name climbs out", "?name=../evil&version=1", Echo),
        Upload("name with NUL", "?name=a%00b&version=1", Echo),
        Upload("version missing", "?name=tool", Echo),
        Upload("empty version", "?name=tool&version=", Echo),
        Upload("name of 200 characters", "?name=" + new string('n', 200) + "&version=1", Echo),

        // Reads and actions on things that do not exist, or with bad parameters.
        Get("module reference climbs out", "/api/modules/..%2F..%2Fetc%2Fpasswd", HttpStatusCode.BadRequest),
        new("delete a malformed digest", "DELETE", "/api/modules/sha256:zzzz", null, null, HttpStatusCode.BadRequest),
        new("delete an unknown module", "DELETE", "/api/modules/nobody@1", null, null, HttpStatusCode.NotFound),
        new("cancel a job id that is not one", "POST", "/api/jobs/not-a-guid/cancel", null, null, HttpStatusCode.NotFound),
        new("retry an unknown job", "POST", $"/api/jobs/{UnknownJob}/retry", null, null, HttpStatusCode.NotFound),
        Get("follow the logs of an unknown job", $"/api/jobs/{UnknownJob}/logs?follow=true", HttpStatusCode.NotFound),
        Get("artifacts of an unknown job", $"/api/jobs/{UnknownJob}/artifacts", HttpStatusCode.NotFound),
        Get("an artifact path that climbs out", "/api/jobs/{job}/artifacts/..%2F..%2Fetc%2Fpasswd", HttpStatusCode.NotFound),
        Get("journal of an unknown job", $"/api/jobs/{UnknownJob}/journal", HttpStatusCode.NotFound),
        Get("events of an unknown job", $"/api/jobs/{UnknownJob}/events", HttpStatusCode.NotFound),
        Get("list order sideways", "/api/jobs?order=sideways", HttpStatusCode.BadRequest),
        Get("list limit negative", "/api/jobs?limit=-5", HttpStatusCode.BadRequest),
        Get("long poll of negative seconds", "/api/jobs/{job}?wait=-3", HttpStatusCode.BadRequest),
        new("drain an unknown worker", "POST", "/api/workers/nobody/drain", null, null, HttpStatusCode.NotFound),
        new("retry a job that completed", "POST", "/api/jobs/{job}/retry", null, null, HttpStatusCode.Conflict),
        Get("dead letters, limit over the maximum", "/api/deadletter?limit=1000000", HttpStatusCode.BadRequest),
        Get("list limit not a number", "/api/jobs?limit=many", HttpStatusCode.BadRequest),
        Get("blob by a malformed digest", "/api/blobs/not-a-digest", HttpStatusCode.BadRequest),
        Get("unknown blob", "/api/blobs/" + UnknownDigest, HttpStatusCode.NotFound),
        Get("dead letters, limit 0", "/api/deadletter?limit=0", HttpStatusCode.BadRequest),
    ];

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static (string JobId, string Digest, string Job, string Module)? _sentinel;

    /// <summary>A finished job and its module, made once: what must not change.</summary>
    private async Task<(string JobId, string Digest, string Job, string Module)> SentinelAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_sentinel is null)
            {
                var module = await app.UploadAsync("echo", version: "hostile-" + Guid.NewGuid().ToString("N")[..8]);
                var job = await app.WaitForTerminalAsync((await app.SubmitAsync(new { module = module.Digest, args = new[] { "kept" } })).Id);
                Assert.Equal(JobStatus.Completed, job.Status);
                _sentinel = (job.Id, module.Digest, await ReadAsync($"/api/jobs/{job.Id}"), await ReadAsync($"/api/modules/{module.Digest}"));
            }
            return _sentinel.Value;
        }
        finally
        {
            Gate.Release();
        }
    }

    private async Task<string> ReadAsync(string path)
    {
        using var response = await app.Api.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public void TheTableHasAtLeastFortyCases() => Assert.True(Cases().Count >= 40, $"{Cases().Count} cases");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EachGetsAClearProblemAndChangesNothing(Case hostile)
    {
        var sentinel = await SentinelAsync();
        using var request = new HttpRequestMessage(new HttpMethod(hostile.Method), new Uri(hostile.Path.Replace("{job}", sentinel.JobId, StringComparison.Ordinal), UriKind.Relative));
        if (hostile.Body is not null)
        {
            request.Content = new ByteArrayContent(hostile.Body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(hostile.ContentType!);
        }
        if (hostile.Header is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", hostile.Header);
        }

        using var response = await app.Api.SendAsync(request);

        Assert.Equal(hostile.Expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), problem.ToString());
        using var health = await app.Api.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(sentinel.Job, await ReadAsync($"/api/jobs/{sentinel.JobId}"));
        Assert.Equal(sentinel.Module, await ReadAsync($"/api/modules/{sentinel.Digest}"));
    }
}
