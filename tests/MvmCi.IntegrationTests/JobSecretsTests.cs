using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MvmCi.Testing;

namespace MvmCi.IntegrationTests;

/// <summary>
/// Job secrets end to end: set by an admin and stored encrypted, named by a job, set in the guest's environment by the
/// worker, and masked in everything the job's API shows (its record, logs, events); a secret that cannot be read fails
/// the job with secret_unavailable.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class JobSecretsTests(MvmCiAppFixture app)
{
    private async Task<string> SetSecretAsync(string name, string value)
    {
        using var response = await app.Api.PutAsJsonAsync(new Uri($"/api/secrets/{name}", UriKind.Relative), new { value });
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{(int)response.StatusCode}");
        return name;
    }

    [Fact]
    public async Task ASecretReachesTheGuestAndIsMaskedInEverythingShown()
    {
        var value = "s3cr3t-" + Guid.NewGuid().ToString("N");
        var name = await SetSecretAsync("token-" + Guid.NewGuid().ToString("N")[..8], value);
        // Stored encrypted: Redis does not hold the value.
        var stored = await app.Redis.HashGetAllAsync($"{app.KeyspacePrefix}:secret:{name}");
        Assert.NotEmpty(stored);
        Assert.DoesNotContain(stored, f => f.Value.ToString().Contains(value, StringComparison.Ordinal));
        var listed = await app.Api.GetStringAsync(new Uri("/api/secrets", UriKind.Relative));
        Assert.Contains(name, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(value, listed, StringComparison.Ordinal);

        await app.UploadAsync("env", "1");
        var job = await app.SubmitAsync(new { module = "env@1", env = new Dictionary<string, string> { ["PLAIN"] = "visible" },
            secrets = new Dictionary<string, string> { ["TOKEN"] = name } });
        var done = await app.WaitForTerminalAsync(job.Id);
        Assert.Equal("completed", done.Status);
        // The guest had the variable (it printed TOKEN=...), and what was recorded shows the mask in place of the value.
        Assert.Contains("TOKEN=***\n", done.Stdout, StringComparison.Ordinal);
        Assert.Contains("PLAIN=visible\n", done.Stdout, StringComparison.Ordinal);
        Assert.Equal(name, done.Secrets["TOKEN"]);
        Assert.False(done.Env.ContainsKey("TOKEN"));

        foreach (var path in new[] { $"/api/jobs/{job.Id}", $"/api/jobs/{job.Id}/logs", $"/api/jobs/{job.Id}/events", $"/api/jobs/{job.Id}/journal", "/api/jobs?limit=50" })
        {
            var shown = await app.Api.GetStringAsync(new Uri(path, UriKind.Relative));
            Assert.DoesNotContain(value, shown, StringComparison.Ordinal);
        }
        var logs = await app.Api.GetStringAsync(new Uri($"/api/jobs/{job.Id}/logs", UriKind.Relative));
        Assert.Contains("TOKEN=***", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheJournalLogsProgressAndOutputOfADurableRunShowTheMaskNotTheSecret()
    {
        using var server = new RecordingHttpServer();
        var value = "tok" + Guid.NewGuid().ToString("N");
        var name = await SetSecretAsync("crawl-" + Guid.NewGuid().ToString("N")[..8], value);
        var crawler = await app.UploadBuiltAsync("crawler");
        // The crawler fetches the URLs of its input: one carries the secret's value, as a token in a URL would.
        var job = await app.SubmitAsync(new
        {
            module = crawler.Digest,
            input = $"{server.BaseUrl}/page?token={value}\n",
            httpAllowedHosts = new[] { new Uri(server.BaseUrl).Authority },
            secrets = new Dictionary<string, string> { ["TOKEN"] = name },
        });
        var done = await app.WaitForTerminalAsync(job.Id);
        Assert.Equal("completed", done.Status);
        Assert.Contains(server.Requests, r => r.Path == "/page");

        var journal = await app.Api.GetStringAsync(new Uri($"/api/jobs/{job.Id}/journal", UriKind.Relative));
        Assert.Contains("token=***", journal, StringComparison.Ordinal);
        Assert.DoesNotContain(value, journal, StringComparison.Ordinal);
        // The journal itself keeps the real URL: a resumed run replays exactly what was sent.
        Assert.Contains(await app.Redis.ListRangeAsync($"{app.KeyspacePrefix}:job:{job.Id}:journal"), e => e.ToString().Contains(value, StringComparison.Ordinal));
        var logs = await app.Api.GetStringAsync(new Uri($"/api/jobs/{job.Id}/logs", UriKind.Relative));
        Assert.Contains("token=***", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(value, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(value, done.Output ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain(value, done.Progress?.Message ?? "", StringComparison.Ordinal);
        Assert.Contains("***", done.Progress?.Message ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownSecretIsRefusedAtSubmit()
    {
        await app.UploadAsync("env", "1");
        using var response = await app.Api.PostAsJsonAsync(new Uri("/api/jobs", UriKind.Relative),
            new { module = "env@1", secrets = new Dictionary<string, string> { ["TOKEN"] = "never-set-" + Guid.NewGuid().ToString("N")[..8] } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Unknown secret", problem.GetProperty("title").GetString());
        Assert.Contains("PUT /api/secrets/", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"module": "env@1", "secrets": {"TOKEN": "../x"}}""", "secrets.TOKEN")]
    [InlineData("""{"module": "env@1", "secrets": {"A=B": "x"}}""", "secrets.A=B")]
    [InlineData("""{"module": "env@1", "env": {"T": "1"}, "secrets": {"T": "x"}}""", "secrets.T")]
    [InlineData("""{"module": "env@1", "secrets": ["x"]}""", "secrets")]
    public async Task ABadSecretsFieldIsRefused(string json, string field)
    {
        using var response = await app.Api.PostAsync(new Uri("/api/jobs", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("bad name!", """{"value": "x"}""")]
    [InlineData("ok-name", """{"value": ""}""")]
    [InlineData("ok-name", """{}""")]
    public async Task ABadSecretIsRefused(string name, string json)
    {
        using var response = await app.Api.PutAsync(new Uri($"/api/secrets/{Uri.EscapeDataString(name)}", UriKind.Relative),
            new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ASecretThatCannotBeReadFailsTheJobWithItsOwnReason()
    {
        var name = await SetSecretAsync("sealed-" + Guid.NewGuid().ToString("N")[..8], "value-" + Guid.NewGuid().ToString("N"));
        // As if it had been set under another service key: the ciphertext no longer opens.
        await app.Redis.HashSetAsync($"{app.KeyspacePrefix}:secret:{name}", "value", Convert.ToBase64String(new byte[64]));
        await app.UploadAsync("env", "1");
        var job = await app.SubmitAsync(new { module = "env@1", secrets = new Dictionary<string, string> { ["TOKEN"] = name } });
        var done = await app.WaitForTerminalAsync(job.Id);
        Assert.Equal("failed", done.Status);
        Assert.Equal("secret_unavailable", done.FailureReason);
        Assert.Contains(name, done.FailureMessage, StringComparison.Ordinal);
        Assert.Equal(1, done.Attempt);

        Assert.Equal(HttpStatusCode.NoContent, (await app.Api.DeleteAsync(new Uri($"/api/secrets/{name}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api.DeleteAsync(new Uri($"/api/secrets/{name}", UriKind.Relative))).StatusCode);
    }
}
