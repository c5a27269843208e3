using System.Text.RegularExpressions;
using Aspire.Hosting.Testing;

namespace MvmCi.IntegrationTests;

/// <summary>The mvmci.* metrics, read the way a deployment without Aspire would: Prometheus scrapes of /metrics.</summary>
[Collection(AppCollection.Name)]
public sealed partial class MetricsTests(MvmCiAppFixture app)
{
    [Fact]
    public async Task JobsSubmittedFinishedAndExecutedShowInEachServicesMetrics()
    {
        var module = await app.UploadAsync("echo");
        var ok = await app.SubmitAsync(new { module = module.Digest, args = new[] { "metrics" } });
        var trap = await app.SubmitAsync(new { module = (await app.UploadAsync("trap")).Digest });
        await app.WaitForTerminalAsync(ok.Id);
        await app.WaitForTerminalAsync(trap.Id);

        // The exporter caches a scrape briefly; poll until the outcomes are in.
        string workers = "", controlPlane = "", executor = "";
        for (var i = 0; i < 50; i++)
        {
            controlPlane = await ScrapeAsync("controlplane");
            executor = await ScrapeAsync("flawless");
            workers = await ScrapeAsync("worker-1") + await ScrapeAsync("worker-2");
            if (Sum(workers, "mvmci_jobs_completed_total") >= 1 && Sum(workers, "mvmci_jobs_failed_total") >= 1)
            {
                break;
            }
            await Task.Delay(200);
        }

        Assert.True(Sum(controlPlane, "mvmci_jobs_submitted_total") >= 2, controlPlane);
        Assert.True(Sum(workers, "mvmci_jobs_completed_total") >= 1, workers);
        Assert.Contains("mvmci_failure_reason=\"trap\"", workers, StringComparison.Ordinal);
        Assert.Contains("mvmci_job_latency_seconds_bucket", workers, StringComparison.Ordinal);
        Assert.Contains("mvmci_leases_running{", workers, StringComparison.Ordinal);
        Assert.Contains("mvmci_execution_duration_seconds_bucket", executor, StringComparison.Ordinal);
        Assert.Contains("mvmci_execution_instantiation_seconds_count", executor, StringComparison.Ordinal);
        Assert.True(Sum(executor, "mvmci_execution_fuel_sum") > 0, executor);
        // Sampled by the control plane for every queue stream.
        Assert.Contains("mvmci_queue_depth{", controlPlane, StringComparison.Ordinal);
        Assert.Contains("mvmci_queue_lag_seconds{", controlPlane, StringComparison.Ordinal);
        Assert.Contains("mvmci_queue_in_flight{", controlPlane, StringComparison.Ordinal);
    }

    private async Task<string> ScrapeAsync(string resource)
    {
        using var http = app.App.CreateHttpClient(resource);
        return await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
    }

    /// <summary>The sum of every sample of <paramref name="metric"/> (all label sets) in a Prometheus text scrape.</summary>
    private static double Sum(string scrape, string metric) =>
        Sample().Matches(scrape).Where(m => m.Groups["name"].Value == metric)
            .Sum(m => double.Parse(m.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{[^}]*\})? (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
