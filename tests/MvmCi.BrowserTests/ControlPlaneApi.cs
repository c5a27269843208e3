using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MvmCi.Testing;

namespace MvmCi.BrowserTests;

/// <summary>The control plane's JSON API, for what a test prepares behind the page's back (modules, jobs, cancels).</summary>
public sealed class ControlPlaneApi(HttpClient http)
{
    public HttpClient Http { get; } = http;

    /// <summary>Uploads a test guest as <c>name@1</c>; returns that reference.</summary>
    public async Task<string> UploadAsync(string guest, string name)
    {
        using var content = new ByteArrayContent(Guests.Wasm(guest));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/wasm");
        using var response = await Http.PostAsync(new Uri($"/api/modules?name={name}&version=1", UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
        return $"{name}@1";
    }

    /// <summary>Submits a job (the body of <c>POST /api/jobs</c>); returns its id.</summary>
    public async Task<string> SubmitAsync(object job)
    {
        using var response = await Http.PostAsJsonAsync(new Uri("/api/jobs", UriKind.Relative), job);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetString()!;
    }

    public async Task CancelAsync(string id)
    {
        using var response = await Http.PostAsync(new Uri($"/api/jobs/{id}/cancel", UriKind.Relative), content: null);
        response.EnsureSuccessStatusCode();
    }
}
