using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MvmCi.Bench.Systems;

/// <summary>
/// MvmCi started the way the integration tests start it: the AppHost through <c>DistributedApplicationTestingBuilder</c>,
/// with its own key prefix and Redis data directory, the resources' logs in a file. <see cref="StartAsync"/> returns
/// as soon as the control plane is healthy (so a probe can submit while the workers still start); <see cref="AllHealthy"/>
/// completes when every resource is.
/// </summary>
public sealed class AppHostSystem : ISystemUnderTest
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private readonly DistributedApplication _app;
    private readonly ResourceLogFile _logs;
    private readonly string _dataDirectory;
    private readonly CancellationTokenSource _startTimeout;

    private AppHostSystem(DistributedApplication app, ResourceLogFile logs, string dataDirectory, CancellationTokenSource startTimeout,
        string keyspacePrefix, string apiKey, Uri controlPlane, string? redis, Task<StartupTimeline> allHealthy, IReadOnlyList<string> services, DateTimeOffset startedAt)
    {
        StartedAt = startedAt;
        _app = app;
        _startTimeout = startTimeout;
        _logs = logs;
        _dataDirectory = dataDirectory;
        KeyspacePrefix = keyspacePrefix;
        ControlPlane = controlPlane;
        ApiKey = apiKey;
        RedisConnection = redis;
        AllHealthy = allHealthy;
        Services = services;
    }

    public Uri ControlPlane { get; }

    /// <summary>The bootstrap admin key the harness gave the AppHost (its <c>api-key</c> parameter).</summary>
    public string? ApiKey { get; }

    /// <summary>Just before the testing builder was created: the "AppHost start".</summary>
    public DateTimeOffset StartedAt { get; }

    public string? RedisConnection { get; }

    public string KeyspacePrefix { get; }

    /// <summary>Every resource healthy; the timeline of the start.</summary>
    public Task<StartupTimeline> AllHealthy { get; }

    public StartupTimeline? Startup => AllHealthy.IsCompletedSuccessfully ? AllHealthy.Result : null;

    /// <summary>The project resources of the model (control plane, executors, workers).</summary>
    public IReadOnlyList<string> Services { get; }

    /// <summary>Lines the services logged as errors, by resource, so far.</summary>
    public IReadOnlyDictionary<string, int> ErrorLines => _logs.ErrorLines;

    public string LogPath => _logs.Path;

    /// <summary>
    /// The testing builder runs no dashboard but still points the services' OTLP exporters at one: they would
    /// serialize every span, metric and log, fail to send it and keep it for retry in memory, which costs CPU and
    /// grows RSS in a way no deployment with a collector sees. Without the endpoint the services' telemetry is still
    /// produced in-process (spans, metrics, log records), only not exported.
    /// </summary>
    private static void WithoutDeadTelemetryExport(IDistributedApplicationTestingBuilder builder)
    {
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToArray())
        {
            builder.CreateResourceBuilder(project).WithEnvironment(context => context.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_ENDPOINT"));
        }
    }

    public static async Task<AppHostSystem> StartAsync(AppHostConfiguration configuration, string logPath, CancellationToken cancellationToken)
    {
        var keyspacePrefix = "bench" + Guid.NewGuid().ToString("N")[..10];
        var dataDirectory = Path.Combine(Path.GetTempPath(), "mvmci-bench-" + Guid.NewGuid().ToString("N"));
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        // Lives as long as the system: the resources' health waits go on after this method returns.
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);

        var logs = new ResourceLogFile(logPath);
        var apiKey = "bench-admin-" + Guid.NewGuid().ToString("N");
        DistributedApplication? app = null;
        try
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.MvmCi_AppHost>(
                [.. configuration.Arguments(), "--KeyspacePrefix", keyspacePrefix, "--RedisDataDirectory", dataDirectory,
                    "--Parameters:api-key", apiKey, "--Parameters:service-key", "bench-service-" + Guid.NewGuid().ToString("N")], timeout.Token);
            builder.Services.AddLogging(logging => logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Information));
            WithoutDeadTelemetryExport(builder);
            var built = app = await builder.BuildAsync(timeout.Token);
            var model = built.Services.GetRequiredService<DistributedApplicationModel>();
            string[] services = [.. model.Resources.OfType<ProjectResource>()
                .Select(r => r.Name).Where(n => !n.EndsWith("-rebuilder", StringComparison.Ordinal))];
            var healthy = services.Prepend("redis").ToDictionary(name => name, name => HealthyAtAsync(built, name, clock, timeout.Token));
            var started = built.StartAsync(timeout.Token);
            var controlPlaneHealthy = healthy["controlplane"];
            await Task.WhenAny(started, controlPlaneHealthy);
            if (started.IsFaulted)
            {
                await started; // rethrows why it could not start
            }
            var (_, controlPlaneEvent) = await controlPlaneHealthy;
            await healthy["redis"];

            var allHealthy = AllHealthyAsync(started, healthy, startedAt);
            // The control plane can be healthy before StartAsync returns, when the app refuses GetEndpoint: its snapshot has the address.
            var controlPlane = new Uri(controlPlaneEvent.Snapshot.Urls.First(u => !u.IsInternal && u.Url.StartsWith("http", StringComparison.Ordinal)).Url);
            var redis = await model.Resources.OfType<IResourceWithConnectionString>().First(r => r.Name == "redis").GetConnectionStringAsync(timeout.Token);
            return new AppHostSystem(built, logs, dataDirectory, timeout, keyspacePrefix, apiKey, controlPlane, redis, allHealthy, services, startedAt);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
            logs.Dispose();
            timeout.Dispose();
            throw;
        }
    }

    private static async Task<(double Seconds, ResourceEvent Event)> HealthyAtAsync(DistributedApplication app, string resource, Stopwatch clock,
        CancellationToken cancellationToken)
    {
        var healthy = await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cancellationToken);
        return (clock.Elapsed.TotalSeconds, healthy);
    }

    private static async Task<StartupTimeline> AllHealthyAsync(Task started, Dictionary<string, Task<(double Seconds, ResourceEvent Event)>> healthy,
        DateTimeOffset startedAt)
    {
        await started;
        await Task.WhenAll(healthy.Values);
        return new StartupTimeline(startedAt, healthy.ToDictionary(h => h.Key, h => h.Value.Result.Seconds, StringComparer.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync();
        }
        finally
        {
            await _app.DisposeAsync();
            _logs.Dispose();
            _startTimeout.Dispose();
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // redis-server may still be writing its AOF while it stops; a leftover temp directory is harmless.
            }
        }
    }
}
