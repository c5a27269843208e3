using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MvmCi.Jobs.Contracts;
using MvmCi.Testing;

namespace MvmCi.IntegrationTests;

[Collection(AppCollection.Name)]
public sealed class ApiErrorTests(MvmCiAppFixture app)
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<HttpResponseMessage> UploadBytesAsync(byte[] bytes, string query = "", string contentType = "application/wasm")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return app.Api.PostAsync(new Uri("/api/modules" + query, UriKind.Relative), content);
    }

    private Task<HttpResponseMessage> SubmitRawAsync(string json) =>
        app.Api.PostAsync(new Uri("/api/jobs", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task InvalidModuleUploadIsRejectedWithWasmtimesReason()
    {
        using var response = await UploadBytesAsync([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0xff]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.StartsWith("Wasmtime could not compile the module:", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModuleWithImportsTheSandboxLacksIsRejectedAtUpload()
    {
        using var response = await UploadBytesAsync(Guests.Wasm("unknown-import"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("env.launch_missiles (function)", (await ProblemAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonWasmBytesWithTheWasmContentTypeAreRejected()
    {
        using var response = await UploadBytesAsync(Encoding.UTF8.GetBytes("#!/bin/sh\necho hi\n"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task UploadingTheSameBytesTwiceReturnsTheSameDigest()
    {
        using var first = await UploadBytesAsync(Guests.Wasm("argv0"));
        using var second = await UploadBytesAsync(Guests.Wasm("argv0"));

        var a = await first.Content.ReadFromJsonAsync<ModuleRecord>();
        var b = await second.Content.ReadFromJsonAsync<ModuleRecord>();
        Assert.Contains(first.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.OK });
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(a!.Digest, b!.Digest);
        Assert.Matches("^sha256:[0-9a-f]{64}$", a.Digest);
        Assert.Equal(Guests.Wasm("argv0").Length, a.Size);
    }

    [Fact]
    public async Task ModuleIsFoundByDigestAndByNameAtVersion()
    {
        var uploaded = await app.UploadAsync("trap", "2.0.1");

        var byDigest = await app.Api.GetFromJsonAsync<ModuleRecord>(new Uri($"/api/modules/{uploaded.Digest}", UriKind.Relative));
        var byName = await app.Api.GetFromJsonAsync<ModuleRecord>(new Uri("/api/modules/trap@2.0.1", UriKind.Relative));

        Assert.Equal(uploaded.Digest, byDigest!.Digest);
        Assert.Equal(("trap", "2.0.1"), (byName!.Name, byName.Version));
        Assert.Contains(byName.Exports, e => e.Name == "_start");
    }

    [Fact]
    public async Task RepublishingAVersionWithOtherBytesIsAConflict()
    {
        await app.UploadAsync("exit3", "conflict-1");

        using var response = await UploadBytesAsync(Guests.Wasm("echo"), "?name=exit3&version=conflict-1");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task OversizedModuleIsRejectedWith413()
    {
        // Expect: 100-continue, as a well-behaved client of a large upload: the refusal arrives before the body is sent.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/modules", UriKind.Relative))
        {
            Content = new ByteArrayContent(new byte[64 * 1024 * 1024 + 1]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/wasm");
        request.Headers.ExpectContinue = true;

        using var response = await app.Api.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task UploadWithoutTheWasmContentTypeIs415()
    {
        using var response = await UploadBytesAsync(Guests.Wasm("echo"), contentType: "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task UnknownModuleReferenceIs404()
    {
        using var response = await app.Api.GetAsync(new Uri("/api/modules/nothing@0", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task SubmittingAnUnknownModuleIs422AndCreatesNoJob()
    {
        var before = await app.Api.GetFromJsonAsync<JsonElement>(new Uri("/api/queue/stats", UriKind.Relative));

        using var response = await SubmitRawAsync("""{ "module": "ghost@1" }""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("ghost@1", (await ProblemAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var after = await app.Api.GetFromJsonAsync<JsonElement>(new Uri("/api/queue/stats", UriKind.Relative));
        Assert.Equal(before.GetProperty("total").GetInt64(), after.GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData("""{ "module": "echo@1", """, "body")]
    [InlineData("""{ "args": ["a"] }""", "module")]
    [InlineData("""{ "module": "echo@1", "args": "not-a-list" }""", "args")]
    [InlineData("""{ "module": "echo@1", "args": [1, 2] }""", "args[0]")]
    [InlineData("""{ "module": "echo@1", "timeoutSeconds": "soon" }""", "timeoutSeconds")]
    [InlineData("""{ "module": "echo@1", "timeoutSeconds": 0 }""", "timeoutSeconds")]
    [InlineData("""{ "module": "echo@1", "timeoutSeconds": 999999 }""", "timeoutSeconds")]
    [InlineData("""{ "module": "echo@1", "env": { "A=B": "x" } }""", "env.A=B")]
    [InlineData("""{ "module": "echo@1", "env": ["x"] }""", "env")]
    [InlineData("""{ "module": "echo@1", "tiemout": 5 }""", "tiemout")]
    [InlineData("""{ "module": "not a ref" }""", "module")]
    [InlineData("""[]""", "body")]
    [InlineData("""null""", "body")]
    public async Task MalformedSubmitIs400NamingTheField(string json, string field)
    {
        using var response = await SubmitRawAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        var errors = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Contains(field, errors);
    }

    [Fact]
    public async Task SubmitWithoutJsonContentTypeIs415()
    {
        using var response = await app.Api.PostAsync(new Uri("/api/jobs", UriKind.Relative),
            new StringContent("""{ "module": "echo@1" }""", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/jobs/00000000-0000-7000-8000-000000000000", HttpStatusCode.NotFound)]
    [InlineData("/api/jobs/not-a-job", HttpStatusCode.NotFound)]
    [InlineData("/api/jobs?status=done", HttpStatusCode.BadRequest)]
    [InlineData("/api/jobs?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/jobs?limit=100000", HttpStatusCode.BadRequest)]
    [InlineData("/api/jobs?cursor=garbage", HttpStatusCode.BadRequest)]
    [InlineData("/api/modules/sha256:xyz", HttpStatusCode.BadRequest)]
    public async Task BadReadsAreProblemDetails(string path, HttpStatusCode expected)
    {
        using var response = await app.Api.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await ProblemAsync(response)).GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task SubmitAnswersWithALocationToTheJob()
    {
        var module = await app.UploadAsync("echo");

        using var response = await app.Api.PostAsJsonAsync(new Uri("/api/jobs", UriKind.Relative), new { module = module.Digest });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await response.Content.ReadFromJsonAsync<JobRecord>();
        Assert.Equal($"/api/jobs/{job!.Id}", response.Headers.Location?.OriginalString);
    }
}
