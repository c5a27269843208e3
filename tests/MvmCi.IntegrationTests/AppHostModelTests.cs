using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace MvmCi.IntegrationTests;

/// <summary>The AppHost's model as its settings shape it; nothing is started.</summary>
public sealed class AppHostModelTests
{
    private static async Task<IReadOnlyList<IResource>> ModelAsync(params string[] args)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.MvmCi_AppHost>(args);
        return [.. builder.Resources];
    }

    [Fact]
    public async Task WorkersSettingSetsTheNumberOfWorkerProjects()
    {
        var resources = await ModelAsync("--workers", "3", "--RedisMode", "local");

        var workers = resources.OfType<ProjectResource>().Where(r => r.Name.StartsWith("worker-", StringComparison.Ordinal)).Select(r => r.Name);
        Assert.Equal(["worker-1", "worker-2", "worker-3"], workers.Order(StringComparer.Ordinal));
        Assert.Single(resources.OfType<ProjectResource>(), r => r.Name == "flawless");
        Assert.Single(resources.OfType<ProjectResource>(), r => r.Name == "controlplane");
    }

    [Theory]
    [InlineData("shared", new[] { "flawless" }, "http://flawless")]
    [InlineData("per-worker", new[] { "flawless-1", "flawless-2", "flawless-3" }, "http://flawless-2")]
    [InlineData("pool", new[] { "flawless-1", "flawless-2" }, null)]
    [InlineData("embedded", new string[0], null)]
    public async Task TopologySettingShapesTheExecutors(string topology, string[] executors, string? secondWorkersExecutor)
    {
        var resources = await ModelAsync("--topology", topology, "--workers", "3", "--executors", "2", "--RedisMode", "local");

        var projects = resources.OfType<ProjectResource>().Where(r => !r.Name.EndsWith("-rebuilder", StringComparison.Ordinal)).ToList();
        Assert.Equal(executors, projects.Where(r => r.Name.StartsWith("flawless", StringComparison.Ordinal)).Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.Equal(3, projects.Count(r => r.Name.StartsWith("worker-", StringComparison.Ordinal)));
        var environment = await EnvironmentOfAsync(projects.Single(r => r.Name == "worker-2"));
        Assert.Equal(secondWorkersExecutor, environment.GetValueOrDefault("Worker__ExecutorUrl"));
        if (topology == "pool")
        {
            Assert.Equal("http://flawless-1", environment["Worker__ExecutorUrls__0"]);
            Assert.Equal("http://flawless-2", environment["Worker__ExecutorUrls__1"]);
        }
        Assert.Equal(topology == "embedded" ? "embedded" : null, environment.GetValueOrDefault("Worker__Executor"));
    }

    [Theory]
    [InlineData("shared")]
    [InlineData("per-worker")]
    [InlineData("pool")]
    [InlineData("embedded")]
    public async Task EveryServiceGetsTheServiceKeyAndOnlyTheControlPlaneTheAdminKey(string topology)
    {
        var resources = await ModelAsync("--topology", topology, "--workers", "2", "--RedisMode", "local");

        var parameters = resources.OfType<ParameterResource>().ToDictionary(p => p.Name, StringComparer.Ordinal);
        Assert.True(parameters["api-key"].Secret);
        Assert.True(parameters["service-key"].Secret);
        foreach (var project in resources.OfType<ProjectResource>().Where(r => !r.Name.EndsWith("-rebuilder", StringComparison.Ordinal)))
        {
            var variables = await RawEnvironmentOfAsync(project);
            Assert.Same(parameters["service-key"], variables["Security__ServiceKey"]);
            if (project.Name == "controlplane")
            {
                Assert.Same(parameters["api-key"], variables["Access__AdminKey"]);
            }
            else
            {
                Assert.False(variables.ContainsKey("Access__AdminKey"), $"{project.Name} has the admin key");
            }
        }
    }

    [Fact]
    public async Task MvmciApiKeyInTheEnvironmentIsTheApiKey()
    {
        var key = "from-the-environment-" + Guid.NewGuid().ToString("N");
        var resources = await ModelAsync("--MVMCI_API_KEY", key, "--RedisMode", "local");

        var apiKey = resources.OfType<ParameterResource>().Single(p => p.Name == "api-key");
        Assert.Equal(key, await apiKey.GetValueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AnApiKeyGivenExplicitlyBeatsMvmciApiKey()
    {
        // The tests give the AppHost their own key while a developer may have MVMCI_API_KEY exported.
        var resources = await ModelAsync("--MVMCI_API_KEY", "from-the-environment-0123456789", "--Parameters:api-key", "given-explicitly-0123456789", "--RedisMode", "local");

        var apiKey = resources.OfType<ParameterResource>().Single(p => p.Name == "api-key");
        Assert.Equal("given-explicitly-0123456789", await apiKey.GetValueAsync(CancellationToken.None));
    }

    private static async Task<Dictionary<string, object>> RawEnvironmentOfAsync(ProjectResource resource)
    {
        var variables = new Dictionary<string, object>(StringComparer.Ordinal);
        var context = new EnvironmentCallbackContext(
            new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), resource, variables, CancellationToken.None);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }
        return variables;
    }

    /// <summary>The literal environment values the model gives a project (references to other resources are left out).</summary>
    private static async Task<Dictionary<string, string?>> EnvironmentOfAsync(ProjectResource resource) =>
        (await RawEnvironmentOfAsync(resource)).Where(p => p.Value is string).ToDictionary(p => p.Key, p => (string?)p.Value, StringComparer.Ordinal);

    [Fact]
    public async Task SlotsSetHowManyJobsEachWorkerRunsAtOnce()
    {
        var defaults = await ModelAsync("--RedisMode", "local");
        var sixteen = await ModelAsync("--RedisMode", "local", "--slots", "16");

        static ProjectResource Worker(IEnumerable<IResource> resources) =>
            resources.OfType<ProjectResource>().First(r => r.Name == "worker-1");
        Assert.Null((await EnvironmentOfAsync(Worker(defaults))).GetValueOrDefault("Worker__Concurrency"));
        Assert.Equal("16", (await EnvironmentOfAsync(Worker(sixteen)))["Worker__Concurrency"]);
    }

    [Fact]
    public async Task RetentionSetsHowLongTheControlPlaneKeepsFinishedJobs()
    {
        var defaults = await ModelAsync("--RedisMode", "local");
        var hour = await ModelAsync("--RedisMode", "local", "--retention", "3600");

        static ProjectResource ControlPlane(IEnumerable<IResource> resources) =>
            resources.OfType<ProjectResource>().First(r => r.Name == "controlplane");
        Assert.Null((await EnvironmentOfAsync(ControlPlane(defaults))).GetValueOrDefault("Retention__FinishedJobSeconds"));
        Assert.Equal("3600", (await EnvironmentOfAsync(ControlPlane(hour)))["Retention__FinishedJobSeconds"]);
    }

    [Fact]
    public async Task DefaultIsTwoWorkers()
    {
        var resources = await ModelAsync("--RedisMode", "local");

        Assert.Equal(2, resources.OfType<ProjectResource>().Count(r => r.Name.StartsWith("worker-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task LocalModeRunsRedisAsAProcessWithAConnectionString()
    {
        var resources = await ModelAsync("--RedisMode", "local");

        var redis = Assert.Single(resources, r => r.Name == "redis");
        Assert.IsAssignableFrom<ExecutableResource>(redis);
        Assert.IsAssignableFrom<IResourceWithConnectionString>(redis);
    }

    [Fact]
    public async Task ContainerModeUsesTheAspireRedisContainer()
    {
        var resources = await ModelAsync("--RedisMode", "container");

        Assert.IsType<RedisResource>(Assert.Single(resources, r => r.Name == "redis"));
    }

    [Theory]
    [InlineData("--workers", "0", "'workers' must be a whole number from 1 to 64")]
    [InlineData("--workers", "many", "'workers' must be a whole number from 1 to 64")]
    [InlineData("--RedisMode", "cloud", "'RedisMode' must be one of auto, container, local")]
    [InlineData("--topology", "mesh", "'topology' must be one of shared, per-worker, pool, embedded; got 'mesh'")]
    [InlineData("--executors", "0", "'executors' must be a whole number from 1 to 32")]
    [InlineData("--slots", "0", "'slots' (jobs each worker runs at once) must be a whole number from 1 to 1024")]
    [InlineData("--retention", "-5", "'retention' (seconds a finished job is kept) must be a whole number from 1 to 31622400")]
    public async Task InvalidSettingsStopTheAppHostNamingTheValidValues(string key, string value, string message)
    {
        var (exitCode, stderr) = await AppHostProcess.RunAsync(key, value);

        Assert.Equal(1, exitCode);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingRedisServerStopsTheAppHostNamingWhatToInstall()
    {
        var (exitCode, stderr) = await AppHostProcess.RunAsync("--RedisMode", "local", "--RedisServerPath", "/nonexistent/redis-server");

        Assert.Equal(1, exitCode);
        Assert.Contains("apt-get install -y redis-server", stderr, StringComparison.Ordinal);
    }
}
