using System.Net.Http.Json;
using MvmCi.Jobs.State;

namespace MvmCi.IntegrationTests.Tracing;

/// <summary>A job's secret value is in none of the spans and log records the services export while they handle the job.</summary>
[Collection(TracingCollection.Name)]
public sealed class SecretTelemetryTests(TracingAppFixture app)
{
    [Fact]
    public async Task NoSpanOrLogRecordOfAJobCarriesItsSecret()
    {
        var value = "s3cr3t-" + Guid.NewGuid().ToString("N");
        var name = "trace-" + Guid.NewGuid().ToString("N")[..8];
        using (var set = await app.Api.PutAsJsonAsync(new Uri($"/api/secrets/{name}", UriKind.Relative), new { value }))
        {
            set.EnsureSuccessStatusCode();
        }
        var env = await app.UploadAsync("env");
        var job = await app.WaitForTerminalAsync((await app.SubmitAsync(new
        {
            module = env.Digest,
            secrets = new Dictionary<string, string> { ["TOKEN"] = name },
        })).Id);
        Assert.Equal(JobStatus.Completed, job.Status);
        Assert.Contains("TOKEN=***", job.Stdout, StringComparison.Ordinal);

        // The job's whole trace has arrived: the worker's run span ends after the executor's spans.
        var spans = await app.Receiver.WaitForAsync(s => s.Any(span => JobSpans.IsRun(span, job.Id)), TimeSpan.FromSeconds(30));
        var inTrace = spans.Where(s => s.TraceId == job.TraceId).ToArray();
        Assert.Contains(inTrace, s => JobSpans.IsWasmExecute(s, job.Id));
        foreach (var span in inTrace)
        {
            Assert.DoesNotContain(value, span.Name, StringComparison.Ordinal);
            Assert.All(span.Attributes, a => Assert.DoesNotContain(value, a.Value, StringComparison.Ordinal));
        }
        Assert.All(app.Receiver.Logs, l =>
        {
            Assert.DoesNotContain(value, l.Body, StringComparison.Ordinal);
            Assert.All(l.Attributes, a => Assert.DoesNotContain(value, a.Value, StringComparison.Ordinal));
        });
    }
}
