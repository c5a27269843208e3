using Aspire.Hosting;
using Microsoft.Extensions.Configuration;
using MvmCi.AppHost;
using MvmCi.AppHost.Publishing;

namespace MvmCi.Publishing.Tests;

/// <summary>The hook in Aspire's publish mode, on a real (small) Aspire model and Aspire's own manifest step.</summary>
public sealed class DeploymentPublisherTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"mvmci-publish-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task ManifestPublishingWritesTheDeploymentBesideTheManifest()
    {
        var manifest = Path.Combine(_directory, "aspire-manifest.json");
        var builder = DistributedApplication.CreateBuilder(["--publisher", "manifest", "--output-path", manifest]);
        builder.AddContainer("probe", "redis", "7");

        DeploymentPublisher.PublishIfRequested(builder, new DeploymentPlan(Topology.PerWorker, Workers: 2));
        using var app = builder.Build();
        await app.RunAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Contains("\"probe\"", await File.ReadAllTextAsync(manifest), StringComparison.Ordinal);
        Assert.Contains("worker-2:", await File.ReadAllTextAsync(Path.Combine(_directory, "docker-compose.yaml")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_directory, "k8s", "kustomization.yaml")));
    }

    [Fact]
    public void RunModeLeavesThePlanAlone()
    {
        var builder = DistributedApplication.CreateBuilder([]);

        DeploymentPublisher.PublishIfRequested(builder, new DeploymentPlan(Topology.Shared, Workers: 0));

        Assert.False(builder.ExecutionContext.IsPublishMode);
    }

    [Fact]
    public void AnUndeployablePlanStopsPublishingWithAReadableError()
    {
        var builder = DistributedApplication.CreateBuilder(["--publisher", "manifest", "--output-path", Path.Combine(_directory, "m.json")]);

        var error = Assert.Throws<DistributedApplicationException>(
            () => DeploymentPublisher.PublishIfRequested(builder, new DeploymentPlan(Topology.Pool, Workers: 2, Executors: 0)));
        Assert.Contains("Executors", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/srv/deploy/aspire-manifest.json", "/srv/deploy")]
    [InlineData("/srv/deploy/out", "/srv/deploy/out")]
    [InlineData(null, "/apphost/aspire-output")]
    public void FilesGoToTheDirectoryOfTheOutputPath(string? outputPath, string expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(outputPath is null ? [] : [new("Pipeline:OutputPath", outputPath)])
            .Build();

        Assert.Equal(expected, DeploymentPublisher.OutputDirectory(configuration, "/apphost"));
    }

    [Fact]
    public void PlanTakesImagesAndPrefixFromConfigurationWithDefaults()
    {
        var configured = new ConfigurationBuilder().AddInMemoryCollection(
            [new("ImageRegistry", "ghcr.io/acme/mvmci"), new("ImageTag", "1.4.0"), new("KeyspacePrefix", "ci")]).Build();

        Assert.Equal(new DeploymentPlan(Topology.Pool, 4, 2, "ghcr.io/acme/mvmci", "1.4.0", "ci"), DeploymentPlan.From(configured, Topology.Pool, 4, 2));
        Assert.Equal(new DeploymentPlan(Topology.Shared, 2, 1), DeploymentPlan.From(new ConfigurationBuilder().Build(), Topology.Shared, 2, 1));
    }
}
