using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.Testing;
using MvmCi.Jobs.Security;

namespace MvmCi.IntegrationTests;

/// <summary>
/// API keys and roles on the real control plane: every operation of the OpenAPI document refuses a request without a key
/// (401) and one whose role is too low (403), keys are created, listed without their values and revoked at once, the
/// dashboard's session cookie, per-key rate limits, and the executor's service key.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AccessTests(MvmCiAppFixture app)
{
    /// <summary>The operations anyone may call: the dashboard's sign-in and sign-out.</summary>
    private static readonly HashSet<string> Anonymous = ["SignIn", "SignOut"];

    /// <summary>The operations that need an admin key.</summary>
    private static readonly HashSet<string> AdminOnly = ["CreateKey", "ListKeys", "RevokeKey", "SetSecret", "ListSecrets", "DeleteSecret", "DrainWorker", "DeleteModule"];

    private async Task<IReadOnlyList<(string Method, string Path, string Operation, string? Body)>> OperationsAsync()
    {
        using var anonymous = app.CreateClient(null);
        using var document = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var operations = new List<(string, string, string, string?)>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var concrete = System.Text.RegularExpressions.Regex.Replace(path.Name, @"\{[^}]+\}", "x");
                // The media type the operation takes, so routing picks it (a body of another type is answered 415 first).
                var body = operation.Value.TryGetProperty("requestBody", out var requestBody)
                    ? requestBody.GetProperty("content").EnumerateObject().First().Name
                    : null;
                operations.Add((operation.Name.ToUpperInvariant(), concrete, operation.Value.GetProperty("operationId").GetString()!, body));
            }
        }
        return operations;
    }

    private static HttpRequestMessage Request(string method, string path, string? body, string? accept = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (body is not null || method is "POST" or "PUT")
        {
            request.Content = new StringContent("{}", Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(body ?? "application/json");
        }
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }
        return request;
    }

    private async Task<string> CreateKeyAsync(string role, int? submitsPerMinute = null, int? uploadsPerMinute = null)
    {
        using var response = await app.Api.PostAsJsonAsync(new Uri("/api/keys", UriKind.Relative),
            new { name = $"test-{role}", role, submitsPerMinute, uploadsPerMinute });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string operation)
    {
        Assert.True(status == response.StatusCode, $"{operation}: expected {(int)status}, got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), $"{operation}: no detail");
        return problem;
    }

    [Fact]
    public async Task EveryOperationRefusesARequestWithoutAKey()
    {
        var operations = await OperationsAsync();
        Assert.True(operations.Count >= 30, $"only {operations.Count} operations in the document");
        using var anonymous = app.CreateClient(null);
        foreach (var (method, path, operation, body) in operations.Where(o => !Anonymous.Contains(o.Operation)))
        {
            using var response = await anonymous.SendAsync(Request(method, path, body));
            await AssertProblemAsync(response, HttpStatusCode.Unauthorized, operation);
            Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            if (method == "GET")
            {
                // The live variants (server-sent events) and downloads are refused the same way.
                using var live = await anonymous.SendAsync(Request(method, path, body, "text/event-stream"));
                await AssertProblemAsync(live, HttpStatusCode.Unauthorized, operation + " (event stream)");
            }
        }
    }

    [Fact]
    public async Task AWrongKeyIsRefusedWithItsOwnMessage()
    {
        foreach (var key in new[] { "mvmci_abcdefghij_" + new string('x', 43), "not-even-the-format", ApiKeyFormat.Prefix })
        {
            using var client = app.CreateClient(key);
            using var response = await client.GetAsync(new Uri("/api/jobs", UriKind.Relative));
            var problem = await AssertProblemAsync(response, HttpStatusCode.Unauthorized, key);
            Assert.Contains("not valid", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AReadKeyReadsButChangesNothing()
    {
        using var reader = app.CreateClient(await CreateKeyAsync(ApiRoles.Read));
        foreach (var (method, path, operation, body) in (await OperationsAsync()).Where(o => !Anonymous.Contains(o.Operation)))
        {
            using var response = await reader.SendAsync(Request(method, path, body));
            if (method == "GET" && !AdminOnly.Contains(operation))
            {
                Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden),
                    $"{operation}: a read key got {(int)response.StatusCode}");
            }
            else
            {
                var problem = await AssertProblemAsync(response, HttpStatusCode.Forbidden, operation);
                Assert.Contains(AdminOnly.Contains(operation) ? "'admin'" : "'submit'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            }
        }
        using var who = await reader.GetFromJsonAsync<JsonDocument>(new Uri("/api/whoami", UriKind.Relative));
        Assert.Equal("read", who!.RootElement.GetProperty("role").GetString());
    }

    [Fact]
    public async Task ASubmitKeySubmitsButDoesNotAdminister()
    {
        using var submitter = app.CreateClient(await CreateKeyAsync(ApiRoles.Submit));
        foreach (var (method, path, operation, body) in (await OperationsAsync()).Where(o => AdminOnly.Contains(o.Operation)))
        {
            using var response = await submitter.SendAsync(Request(method, path, body));
            await AssertProblemAsync(response, HttpStatusCode.Forbidden, operation);
        }
        await app.UploadAsync("echo", "1");
        using var submitted = await submitter.PostAsJsonAsync(new Uri("/api/jobs?wait=30", UriKind.Relative), new { module = "echo@1", args = new[] { "by", "submit" } });
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var job = await submitted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("completed", job.GetProperty("status").GetString());
    }

    [Fact]
    public async Task KeysAreListedWithoutTheirValuesStoredHashedAndRevokedAtOnce()
    {
        using var created = await app.Api.PostAsJsonAsync(new Uri("/api/keys", UriKind.Relative), new { name = "ci", role = "submit", submitsPerMinute = 600 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetString()!;
        var key = body.GetProperty("key").GetString()!;
        Assert.Equal(ApiKeyFormat.IdOf(key), id);
        Assert.Equal(600, body.GetProperty("submitsPerMinute").GetInt32());

        var listed = await app.Api.GetStringAsync(new Uri("/api/keys", UriKind.Relative));
        Assert.Contains(id, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(key, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(key[^20..], listed, StringComparison.Ordinal);
        // Redis holds the key's hash, never the key.
        var stored = await app.Redis.HashGetAllAsync($"{app.KeyspacePrefix}:apikey:{id}");
        Assert.Contains(stored, f => f.Name == "hash" && f.Value == ApiKeyFormat.Hash(key));
        Assert.DoesNotContain(stored, f => f.Value.ToString().Contains(key[^20..], StringComparison.Ordinal));

        using var client = app.CreateClient(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/jobs", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await app.Api.DeleteAsync(new Uri($"/api/keys/{id}", UriKind.Relative))).StatusCode);
        // Remembered a moment ago, refused now: the revocation reaches the key cache at once.
        using var afterRevoke = await client.GetAsync(new Uri("/api/jobs", UriKind.Relative));
        await AssertProblemAsync(afterRevoke, HttpStatusCode.Unauthorized, "after revoke");
        await AssertProblemAsync(await app.Api.DeleteAsync(new Uri($"/api/keys/{id}", UriKind.Relative)), HttpStatusCode.NotFound, "revoke twice");
    }

    [Fact]
    public async Task AKeyRevokedByAnotherReplicaIsForgottenThroughPubSubNotAfterTheCache()
    {
        var key = await CreateKeyAsync(ApiRoles.Read);
        using var client = app.CreateClient(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/whoami", UriKind.Relative))).StatusCode);
        // What another control plane's revoke does in Redis: the key's hash goes and its id is announced.
        var id = ApiKeyFormat.IdOf(key)!;
        await app.Redis.KeyDeleteAsync($"{app.KeyspacePrefix}:apikey:{id}");
        await app.Redis.PublishAsync(StackExchange.Redis.RedisChannel.Literal($"{app.KeyspacePrefix}:apikey-revoked"), id);
        // This control plane remembers a checked key for 10 s (Access:KeyCacheSeconds); the announcement ends that at once.
        var refused = false;
        for (var i = 0; i < 40 && !refused; i++)
        {
            using var response = await client.GetAsync(new Uri("/api/whoami", UriKind.Relative));
            refused = response.StatusCode == HttpStatusCode.Unauthorized;
            if (!refused)
            {
                await Task.Delay(50);
            }
        }
        Assert.True(refused, "the revoked key was still accepted 2 s after its revocation was announced");
    }

    [Theory]
    [InlineData("""{"role": "submit"}""", "name")]
    [InlineData("""{"name": "x", "role": "root"}""", "role")]
    [InlineData("""{"name": "x", "role": "read", "submitsPerMinute": 0}""", "submitsPerMinute")]
    [InlineData("""{"name": "a\u0007b", "role": "read"}""", "name")]
    public async Task ABadKeyRequestNamesTheField(string json, string field)
    {
        using var response = await app.Api.PostAsync(new Uri("/api/keys", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, json);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), json);
    }

    [Fact]
    public async Task TheSessionCookieCarriesTheKeyForSameSiteRequestsOnly()
    {
        var key = await CreateKeyAsync(ApiRoles.Submit);
        using var handler = new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler) { BaseAddress = app.Api.BaseAddress };
        using var signIn = await browser.PostAsJsonAsync(new Uri("/api/session", UriKind.Relative), new { key });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var setCookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);

        Assert.Equal("submit", (await browser.GetFromJsonAsync<JsonElement>(new Uri("/api/whoami", UriKind.Relative))).GetProperty("role").GetString());
        // A write that another site's page makes with the cookie is refused.
        using var crossSite = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/jobs/x/cancel", UriKind.Relative));
        crossSite.Headers.Add("Origin", "https://evil.example");
        await AssertProblemAsync(await browser.SendAsync(crossSite), HttpStatusCode.Unauthorized, "cross-site write");

        using var wrong = await browser.PostAsJsonAsync(new Uri("/api/session", UriKind.Relative), new { key = "mvmci_wrong" });
        await AssertProblemAsync(wrong, HttpStatusCode.Unauthorized, "wrong sign-in");
        Assert.Equal(HttpStatusCode.NoContent, (await browser.DeleteAsync(new Uri("/api/session", UriKind.Relative))).StatusCode);
        await AssertProblemAsync(await browser.GetAsync(new Uri("/api/whoami", UriKind.Relative)), HttpStatusCode.Unauthorized, "signed out");
    }

    [Fact]
    public async Task AKeyOverItsSubmitRateGets429WithRetryAfterAndOtherKeysDoNot()
    {
        await app.UploadAsync("echo", "1");
        using var limited = app.CreateClient(await CreateKeyAsync(ApiRoles.Submit, submitsPerMinute: 2));
        for (var i = 0; i < 2; i++)
        {
            using var ok = await limited.PostAsJsonAsync(new Uri("/api/jobs", UriKind.Relative), new { module = "echo@1" });
            Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        }
        using var refused = await limited.PostAsJsonAsync(new Uri("/api/jobs", UriKind.Relative), new { module = "echo@1" });
        await AssertProblemAsync(refused, HttpStatusCode.TooManyRequests, "third submit");
        var retryAfter = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        // Reads are not limited, and the limit is the key's own.
        Assert.Equal(HttpStatusCode.OK, (await limited.GetAsync(new Uri("/api/jobs?limit=1", UriKind.Relative))).StatusCode);
        using var other = await app.Api.PostAsJsonAsync(new Uri("/api/jobs", UriKind.Relative), new { module = "echo@1" });
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
    }

    [Fact]
    public async Task AKeyOverItsUploadRateGets429WithRetryAfter()
    {
        using var limited = app.CreateClient(await CreateKeyAsync(ApiRoles.Submit, uploadsPerMinute: 1));
        async Task<HttpResponseMessage> UploadAsync()
        {
            using var content = new ByteArrayContent(MvmCi.Testing.Guests.Wasm("echo"));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/wasm");
            return await limited.PostAsync(new Uri("/api/modules", UriKind.Relative), content);
        }
        using (var first = await UploadAsync())
        {
            Assert.True(first.IsSuccessStatusCode, $"{(int)first.StatusCode}");
        }
        using var second = await UploadAsync();
        var problem = await AssertProblemAsync(second, HttpStatusCode.TooManyRequests, "second upload");
        Assert.Contains("uploadsPerMinute", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var retryAfter = int.Parse(Assert.Single(second.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        // Submits have their own bucket.
        using var submit = await limited.PostAsJsonAsync(new Uri("/api/jobs", UriKind.Relative), new { module = "sha256:" + new string('0', 64) });
        Assert.NotEqual(HttpStatusCode.TooManyRequests, submit.StatusCode);
    }

    [Fact]
    public async Task TheAspireDashboardHasALinkThatSignsIntoTheMvmciDashboard()
    {
        Assert.True(app.App.ResourceNotifications.TryGetCurrentState("controlplane", out var state));
        var link = Assert.Single(state.Snapshot.Urls, u => u.DisplayProperties.DisplayName == "Dashboard (signed in)");
        var url = new Uri(link.Url);
        Assert.Equal("#key=" + Uri.EscapeDataString(app.AdminKey), url.Fragment);
        // The link's page is the dashboard, served without a key; it signs in with the fragment (see the browser tests).
        using var anonymous = app.CreateClient(null);
        using var page = await anonymous.GetAsync(new Uri(url.GetLeftPart(UriPartial.Path)));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("app.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheExecutorRefusesCallsWithoutTheServiceKey()
    {
        using var executor = app.App.CreateHttpClient("flawless");
        var request = """{"jobId": "j", "attempt": 1, "moduleDigest": "sha256:00", "moduleName": "x", "timeoutSeconds": 1}""";
        foreach (var authorization in new[] { null, "Bearer wrong-key", "Bearer " + app.AdminKey, "Basic " + app.ServiceKey })
        {
            using var call = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/executions", UriKind.Relative))
            {
                Content = new StringContent(request, Encoding.UTF8, "application/json"),
            };
            if (authorization is not null)
            {
                call.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
            }
            using var response = await executor.SendAsync(call);
            await AssertProblemAsync(response, HttpStatusCode.Unauthorized, authorization ?? "no header");
        }
        // The probes stay open.
        Assert.Equal(HttpStatusCode.OK, (await executor.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
    }
}
