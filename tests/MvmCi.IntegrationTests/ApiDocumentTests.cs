using System.Net.Http.Json;
using System.Text.Json;

namespace MvmCi.IntegrationTests;

/// <summary>The OpenAPI document and the interactive reference a new user reads the API from.</summary>
[Collection(AppCollection.Name)]
public sealed class ApiDocumentTests(MvmCiAppFixture app)
{
    [Fact]
    public async Task EveryOperationHasASummaryAndTheMainDocumentsHaveExamples()
    {
        var document = await app.Api.GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative));

        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Name: $"{op.Name.ToUpperInvariant()} {path.Name}", Operation: op.Value)))
            .ToArray();
        Assert.True(operations.Length >= 20, $"only {operations.Length} operations");
        Assert.All(operations, op => Assert.False(
            string.IsNullOrWhiteSpace(op.Operation.TryGetProperty("summary", out var summary) ? summary.GetString() : null), $"{op.Name} has no summary"));
        foreach (var expected in new[] { "POST /api/jobs", "GET /api/overview", "GET /api/executors", "GET /api/queues", "POST /api/workers/{id}/drain" })
        {
            Assert.Contains(expected, operations.Select(o => o.Name));
        }

        var schemas = document.GetProperty("components").GetProperty("schemas");
        foreach (var name in new[] { "SubmitJobRequest", "JobRecord", "ModuleRecord", "WorkerRecord", "ExecutorRecord", "QueueInfo" })
        {
            var example = schemas.GetProperty(name).GetProperty("examples")[0];
            // The example is a real document of that shape: its properties are the schema's properties.
            var properties = schemas.GetProperty(name).GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet();
            Assert.All(example.EnumerateObject(), p => Assert.Contains(p.Name, properties));
        }
    }

    [Fact]
    public async Task TheInteractiveReferenceIsServed()
    {
        using var response = await app.Api.GetAsync(new Uri("/scalar/v1", UriKind.Relative));

        response.EnsureSuccessStatusCode();
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("openapi/v1.json", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
