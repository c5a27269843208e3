using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.State;
using MvmCi.Testing;

namespace MvmCi.IntegrationTests;

/// <summary>Through the API: input blobs mounted read-only, artifacts listed and downloaded, progress, output, the journal, module delete.</summary>
/// <remarks>Run under every topology: see the classes in Topologies/.</remarks>
public abstract class ArtifactApiTests(MvmCiAppFixture app)
{
    private async Task<string> UploadBlobAsync(string text)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        using var response = await app.Api.PostAsync(new Uri("/api/blobs", UriKind.Relative), content);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, response.StatusCode.ToString());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("digest").GetString()!;
    }

    [Fact]
    public async Task InputBlobIsMountedReadOnlyUnderInputs()
    {
        var blob = await UploadBlobAsync("first line\nsecond line\n");
        var module = await app.UploadBuiltAsync("rust-readonly");

        var job = await app.SubmitAsync(new { module = module.Digest, inputs = new[] { new { path = "data.txt", blob } } });
        var done = await app.WaitForTerminalAsync(job.Id);

        Assert.Equal(JobStatus.Completed, done.Status);
        Assert.Equal("first line\nsecond line\nwrite denied\n", done.Stdout);
        Assert.Equal(blob, Assert.Single(done.Inputs).Blob);
    }

    [Fact]
    public async Task OutputsAreListedAndDownloadable()
    {
        var module = await app.UploadBuiltAsync("rust-files");

        var job = await app.SubmitAsync(new { module = module.Digest, outputs = new[] { "out.txt", "nothing-here" } });
        var done = await app.WaitForTerminalAsync(job.Id);
        var list = await app.Api.GetFromJsonAsync<JsonElement>(new Uri($"/api/jobs/{job.Id}/artifacts", UriKind.Relative));

        Assert.Equal(JobStatus.Completed, done.Status);
        var items = list.GetProperty("items").EnumerateArray().ToList();
        var file = Assert.Single(items, i => i.GetProperty("path").GetString() == "out.txt");
        Assert.Equal(21, file.GetProperty("size").GetInt64());
        Assert.Equal("missing", Assert.Single(items, i => i.GetProperty("path").GetString() == "nothing-here").GetProperty("skipped").GetString());
        var bytes = await app.Api.GetByteArrayAsync(new Uri(file.GetProperty("url").GetString()!, UriKind.Relative));
        Assert.Equal("hello from the guest\n", Encoding.UTF8.GetString(bytes));
        using var unknown = await app.Api.GetAsync(new Uri($"/api/jobs/{job.Id}/artifacts/other.txt", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task HostApiGuestReportsProgressLogsAndOutput()
    {
        var module = await app.UploadBuiltAsync("hello-c");

        var job = await app.SubmitAsync(new { module = module.Digest, input = "integration" });
        var done = await app.WaitForTerminalAsync(job.Id);
        var logs = await app.Api.GetFromJsonAsync<JsonElement>(new Uri($"/api/jobs/{job.Id}/logs", UriKind.Relative));
        var journal = await app.Api.GetFromJsonAsync<JsonElement>(new Uri($"/api/jobs/{job.Id}/journal", UriKind.Relative));

        Assert.Equal(JobStatus.Completed, done.Status);
        Assert.Equal("hello, integration", done.Output);
        Assert.Equal(100, done.Progress?.Percent);
        Assert.Contains(logs.GetProperty("items").EnumerateArray(), i => i.GetProperty("stream").GetString() == OutputStreams.Log);
        Assert.Equal(["log", "progress", "progress"], journal.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("k").GetString()));
    }

    [Fact]
    public async Task ModuleInUseCannotBeDeletedAndADeletedOneCannotRun()
    {
        var module = await app.UploadAsync("loop", version: "delete-" + Guid.NewGuid().ToString("N")[..8]);
        var job = await app.SubmitAsync(new { module = module.Digest, timeoutSeconds = 120 });

        using (var busy = await app.Api.DeleteAsync(new Uri($"/api/modules/{module.Digest}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
            Assert.Contains(job.Id, await busy.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (await app.Api.PostAsync(new Uri($"/api/jobs/{job.Id}/cancel", UriKind.Relative), null))
        {
        }
        await app.WaitForTerminalAsync(job.Id);

        using var deleted = await app.Api.DeleteAsync(new Uri($"/api/modules/{module.Digest}", UriKind.Relative));
        using var gone = await app.Api.GetAsync(new Uri($"/api/modules/{module.Digest}", UriKind.Relative));
        using var alias = await app.Api.GetAsync(new Uri($"/api/modules/loop@{module.Version}", UriKind.Relative));
        using var submit = await app.Api.PostAsJsonAsync(new Uri("/api/jobs", UriKind.Relative), new { module = module.Digest });

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, alias.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, submit.StatusCode);
    }

    [Fact]
    public async Task ANameBoundToNewBytesAfterADeleteRunsTheNewBytes()
    {
        // The control plane remembers what a name@version resolved to; a delete and a new upload under the same
        // name must not leave it submitting the deleted module.
        var reference = "rebound@" + Guid.NewGuid().ToString("N")[..8];
        async Task<ModuleRecord> Upload(string guest)
        {
            using var content = new ByteArrayContent(Guests.Wasm(guest));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/wasm");
            var (name, version) = (reference.Split('@')[0], reference.Split('@')[1]);
            using var response = await app.Api.PostAsync(new Uri($"/api/modules?name={name}&version={version}", UriKind.Relative), content);
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<ModuleRecord>())!;
        }
        var first = await Upload("exit3");
        var before = await app.WaitForTerminalAsync((await app.SubmitAsync(new { module = reference })).Id);
        using (var deleted = await app.Api.DeleteAsync(new Uri($"/api/modules/{first.Digest}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        var second = await Upload("echo");

        var after = await app.WaitForTerminalAsync((await app.SubmitAsync(new { module = reference, args = new[] { "again" } })).Id);

        Assert.Equal(first.Digest, before.ModuleDigest);
        Assert.Equal(3, before.ExitCode);
        Assert.NotEqual(first.Digest, second.Digest);
        Assert.Equal(second.Digest, after.ModuleDigest);
        Assert.Equal(JobStatus.Completed, after.Status);
        Assert.Equal("again\n", after.Stdout);
    }

    [Theory]
    [InlineData("""{"module":"%M","inputs":[{"path":"../etc/passwd","blob":"%B"}]}""", "inputs[0].path")]
    [InlineData("""{"module":"%M","inputs":[{"path":"/abs","blob":"%B"}]}""", "inputs[0].path")]
    [InlineData("""{"module":"%M","inputs":[{"path":"a.txt","blob":"not-a-digest"}]}""", "inputs[0].blob")]
    [InlineData("""{"module":"%M","inputs":[{"path":"a.txt","blob":"%B"},{"path":"a.txt","blob":"%B"}]}""", "inputs[1].path")]
    [InlineData("""{"module":"%M","outputs":["../../escape"]}""", "outputs[0]")]
    [InlineData("""{"module":"%M","outputs":[""]}""", "outputs[0]")]
    public async Task BadInputsAndOutputsAreRefusedNamingTheField(string template, string field)
    {
        var module = await app.UploadAsync("echo");
        var blob = await UploadBlobAsync("x");
        using var content = new StringContent(template.Replace("%M", module.Digest, StringComparison.Ordinal).Replace("%B", blob, StringComparison.Ordinal),
            Encoding.UTF8, "application/json");

        using var response = await app.Api.PostAsync(new Uri("/api/jobs", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.ToString());
    }

    [Fact]
    public async Task InputNamingABlobNeverUploadedIsRefused()
    {
        var module = await app.UploadAsync("echo");

        using var response = await app.Api.PostAsJsonAsync(new Uri("/api/jobs", UriKind.Relative),
            new { module = module.Digest, inputs = new[] { new { path = "a.txt", blob = "sha256:" + new string('a', 64) } } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("POST /api/blobs", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
