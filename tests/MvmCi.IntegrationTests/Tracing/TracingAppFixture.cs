using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using MvmCi.Jobs.Contracts;
using StackExchange.Redis;

namespace MvmCi.IntegrationTests.Tracing;

/// <summary>
/// The system as the AppHost composes it (shared topology, two workers), with every service exporting its
/// traces over OTLP/HTTP to an <see cref="OtlpTraceReceiver"/> in the test process.
/// </summary>
public sealed class TracingAppFixture : MvmCiAppFixture
{
    /// <summary>How long a service's batch processor holds spans before it exports them, in ms.</summary>
    public const int ExportDelayMs = 200;

    private ConnectionMultiplexer? _admin;

    public OtlpTraceReceiver Receiver { get; } = new();

    /// <summary>The app's Redis server with admin commands, seen from the test (its commands are not traced).</summary>
    public IServer RedisServer => (_admin ?? throw new InvalidOperationException("Not started.")).GetServers()[0];

    protected override void ConfigureBuilder(IDistributedApplicationTestingBuilder builder)
    {
        // Added after the AppHost built its model, so these callbacks run after Aspire's own OTLP callback
        // (which points at the dashboard, off in tests) and their values win. always_on is what Aspire
        // gives projects in Development: the traces are those a developer sees in the dashboard.
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToArray())
        {
            builder.CreateResourceBuilder(project).WithEnvironment(context =>
            {
                context.EnvironmentVariables["OTEL_EXPORTER_OTLP_ENDPOINT"] = Receiver.Endpoint;
                context.EnvironmentVariables["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
                context.EnvironmentVariables["OTEL_BSP_SCHEDULE_DELAY"] = ExportDelayMs.ToString(CultureInfo.InvariantCulture);
                context.EnvironmentVariables["OTEL_TRACES_SAMPLER"] = "always_on";
            });
        }
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // Admin mode for INFO: the tests read how many commands the services sent.
        var redis = ConfigurationOptions.Parse(await App.GetConnectionStringAsync("redis") ?? "");
        redis.AllowAdmin = true;
        _admin = await ConnectionMultiplexer.ConnectAsync(redis);
    }

    public override async Task DisposeAsync()
    {
        if (_admin is not null)
        {
            await _admin.DisposeAsync();
        }
        await base.DisposeAsync();
        Receiver.Dispose();
    }

    public async Task<JobRecord> RetryAsync(string id)
    {
        using var response = await Api.PostAsync(new Uri($"/api/jobs/{id}/retry", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JobRecord>())!;
    }
}
