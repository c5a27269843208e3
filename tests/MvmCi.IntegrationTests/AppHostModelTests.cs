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
