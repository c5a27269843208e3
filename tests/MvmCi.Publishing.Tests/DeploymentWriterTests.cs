using MvmCi.AppHost;
using MvmCi.AppHost.Publishing;

namespace MvmCi.Publishing.Tests;

public sealed class DeploymentWriterTests
{
    [Theory]
    [MemberData(nameof(Topologies.All), MemberType = typeof(Topologies))]
    public void TheSamePlanWritesTheSameBytes(Topology topology)
    {
        using var first = PublishedDeployment.Of(topology);
        using var second = PublishedDeployment.Of(topology);

        Assert.Equal(first.Files, second.Files);
        Assert.All(first.Files, f => Assert.Equal(File.ReadAllBytes(first.PathOf(f)), File.ReadAllBytes(second.PathOf(f))));
    }

    [Fact]
    public void WritesComposeKubernetesKedaAndAReadme()
    {
        using var deployment = PublishedDeployment.Of(Topology.Pool);

        Assert.Equal(
            [".env", ".env.example", "README.md", "docker-compose.yaml", "k8s/base/controlplane.yaml", "k8s/base/flawless.yaml", "k8s/base/kustomization.yaml",
             "k8s/base/redis-secret.yaml", "k8s/base/redis.yaml", "k8s/base/worker.yaml", "k8s/keda/kustomization.yaml",
             "k8s/keda/worker-scaler.yaml", "k8s/kustomization.yaml"],
            deployment.Files.Order(StringComparer.Ordinal));
        Assert.All(deployment.Files, f => Assert.True(File.Exists(deployment.PathOf(f)), f));
        var readme = deployment.Read("README.md");
        Assert.Contains("topology `pool`", readme, StringComparison.Ordinal);
        Assert.Contains("-t:PublishContainer -p:ContainerRepository=mvmci/flawless", readme, StringComparison.Ordinal);
        Assert.Contains("docker compose up -d", readme, StringComparison.Ordinal);
        Assert.Contains("kubectl apply -k k8s", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void RegistryTagAndPrefixReachComposeAndKubernetes()
    {
        using var deployment = new PublishedDeployment(
            new DeploymentPlan(Topology.Shared, Workers: 1, ImageRegistry: "registry.example.com/ci", ImageTag: "1.2.3", KeyspacePrefix: "ci-a"));

        var env = deployment.Read(".env").Split('\n');
        Assert.Contains("MVMCI_REGISTRY=registry.example.com/ci", env);
        Assert.Contains("MVMCI_TAG=1.2.3", env);
        var images = Kustomized.Build(deployment, "k8s").Containers().Select(c => c.Container.Text("image")).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(["redis:7", "registry.example.com/ci/controlplane:1.2.3", "registry.example.com/ci/flawless:1.2.3", "registry.example.com/ci/worker:1.2.3"], images);
        Assert.Contains("-p:ContainerRegistry=registry.example.com -p:ContainerRepository=ci/worker -p:ContainerImageTag=1.2.3",
            deployment.Read("README.md"), StringComparison.Ordinal);
        Assert.Contains("Keyspace__Prefix: ci-a", deployment.Read("docker-compose.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public void RepublishingWithoutExecutorsRemovesTheExecutorManifest()
    {
        using var deployment = PublishedDeployment.Of(Topology.Pool);

        DeploymentWriter.Write(new DeploymentPlan(Topology.Embedded, Workers: 3), deployment.Directory);

        Assert.False(File.Exists(deployment.PathOf("k8s/base/flawless.yaml")));
        Assert.DoesNotContain("flawless", Kustomized.Build(deployment, "k8s").Names("Deployment"));
    }

    [Theory]
    [InlineData(0, 2, "latest")]
    [InlineData(2, 0, "latest")]
    [InlineData(2, 2, "")]
    [InlineData(2, 2, "a:b")]
    public void PlansThatCannotBeDeployedAreRefused(int workers, int executors, string tag)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"mvmci-publish-{Guid.NewGuid():N}");

        Assert.ThrowsAny<ArgumentException>(() => DeploymentWriter.Write(new DeploymentPlan(Topology.Pool, workers, executors, ImageTag: tag), directory));
        Assert.False(Directory.Exists(directory));
    }
}
