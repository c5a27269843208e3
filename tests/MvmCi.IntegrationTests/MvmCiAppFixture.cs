using System.Net.Http.Headers;
using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.State;
using MvmCi.Testing;
using StackExchange.Redis;

namespace MvmCi.IntegrationTests;

/// <summary>
/// The whole system as the AppHost composes it (Redis, control plane, one Flawless executor,
/// two workers), started once for the test collection with its own key prefix and Redis data.
/// </summary>
public class MvmCiAppFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "mvmci-it-" + Guid.NewGuid().ToString("N"));
    private DistributedApplication? _app;
    private HttpClient? _api;
    private ConnectionMultiplexer? _redis;

    public string KeyspacePrefix { get; } = "it" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>The deployment's bootstrap admin key (the AppHost's <c>api-key</c> parameter); <see cref="Api"/> sends it.</summary>
    public string AdminKey { get; } = "it-admin-" + Guid.NewGuid().ToString("N");

    /// <summary>The deployment's service key (the AppHost's <c>service-key</c> parameter).</summary>
    public string ServiceKey { get; } = "it-service-" + Guid.NewGuid().ToString("N");

    /// <summary>More AppHost arguments, for fixtures that need other settings.</summary>
    protected virtual string[] ExtraArguments => [];

    /// <summary>
    /// Changes to the application model before it is built (e.g. more environment for every service). By default the
    /// services export no telemetry: the testing builder runs no dashboard but still points their OTLP exporters at one,
    /// and failed exports are retried from memory.
    /// </summary>
    protected virtual void ConfigureBuilder(IDistributedApplicationTestingBuilder builder)
    {
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToArray())
        {
            builder.CreateResourceBuilder(project).WithEnvironment(context => context.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_ENDPOINT"));
        }
    }

    /// <summary>The services (project resources) the topology has, without the model's "-rebuilder" helpers.</summary>
    public IReadOnlyList<string> Services { get; private set; } = [];

    /// <summary>The executor ids a worker's jobs may report, as the topology wires them (shared: one executor for all).</summary>
    public virtual IReadOnlyList<string> ExecutorsOf(string workerId) => ["flawless"];

    public DistributedApplication App => _app ?? throw new InvalidOperationException("Not started.");

    public HttpClient Api => _api ?? throw new InvalidOperationException("Not started.");

    public IDatabase Redis => (_redis ?? throw new InvalidOperationException("Not started.")).GetDatabase();

    public virtual async Task InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.MvmCi_AppHost>(
            ["--workers", "2", "--KeyspacePrefix", KeyspacePrefix, "--RedisDataDirectory", _dataDirectory,
                "--Parameters:api-key", AdminKey, "--Parameters:service-key", ServiceKey, .. ExtraArguments]);
        builder.Services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Aspire.Hosting", LogLevel.Warning)
            .AddFilter("MvmCi.AppHost.Resources", LogLevel.Warning));

        ConfigureBuilder(builder);
        _app = await builder.BuildAsync();
        using var start = new CancellationTokenSource(StartTimeout);
        await _app.StartAsync(start.Token);
        // Redis and every service the topology has (not the model's "-rebuilder" helpers).
        Services = [.. _app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ProjectResource>()
            .Select(r => r.Name).Where(n => !n.EndsWith("-rebuilder", StringComparison.Ordinal))];
        foreach (var resource in Services.Prepend("redis"))
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(resource, start.Token);
        }

        _api = CreateClient(AdminKey);
        _redis = await ConnectionMultiplexer.ConnectAsync(await _app.GetConnectionStringAsync("redis", start.Token) ?? "");
    }

    /// <summary>A client of the control plane that sends <paramref name="key"/> (none when null).</summary>
    public HttpClient CreateClient(string? key)
    {
        var client = App.CreateHttpClient("controlplane");
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return client;
    }

    public virtual async Task DisposeAsync()
    {
        _api?.Dispose();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Uploads a test guest; returns the module as the API answered it.</summary>
    public Task<ModuleRecord> UploadAsync(string guest, string? version = null) => UploadAsync(guest, Guests.Wasm(guest), version);

    /// <summary>Uploads a guest built by scripts/build-guests.sh.</summary>
    public Task<ModuleRecord> UploadBuiltAsync(string guest, string? version = null) => UploadAsync(guest, Guests.Built(guest), version);

    private async Task<ModuleRecord> UploadAsync(string guest, byte[] wasm, string? version)
    {
        using var content = new ByteArrayContent(wasm);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/wasm");
        var query = version is null ? "" : $"?name={guest}&version={version}";
        using var response = await Api.PostAsync(new Uri("/api/modules" + query, UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ModuleRecord>())!;
    }

    public async Task<JobRecord> SubmitAsync(object job)
    {
        using var response = await Api.PostAsJsonAsync(new Uri("/api/jobs", UriKind.Relative), job);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JobRecord>())!;
    }

    public async Task<JobRecord> WaitForTerminalAsync(string id, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            // Tolerates a control plane that answers 5xx for a moment (e.g. while Redis restarts).
            using var response = await Api.GetAsync(new Uri($"/api/jobs/{id}", UriKind.Relative), cts.Token);
            if (response.IsSuccessStatusCode
                && await response.Content.ReadFromJsonAsync<JobRecord>(cts.Token) is { } job
                && JobStatus.IsTerminal(job.Status))
            {
                return job;
            }
            await Task.Delay(50, cts.Token);
        }
    }
}
