using MvmCi.AppHost;
using YamlDotNet.RepresentationModel;

namespace MvmCi.Publishing.Tests;

/// <summary>docker-compose.yaml for each topology, as Debian's docker-compose reads it.</summary>
public sealed class ComposeOutputTests
{
    private static YamlMappingNode Config(PublishedDeployment deployment)
    {
        var result = ExternalTool.DockerCompose("-f", deployment.PathOf("docker-compose.yaml"), "config");
        Assert.True(result.ExitCode == 0, result.Describe());
        return Assert.Single(YamlQuery.Documents(result.Stdout));
    }

    private static YamlMappingNode Raw(PublishedDeployment deployment) =>
        Assert.Single(YamlQuery.Documents(deployment.Read("docker-compose.yaml")));

    [Theory]
    [MemberData(nameof(Topologies.All), MemberType = typeof(Topologies))]
    public void DockerComposeAcceptsTheFile(Topology topology)
    {
        using var deployment = PublishedDeployment.Of(topology);

        var result = ExternalTool.DockerCompose("-f", deployment.PathOf("docker-compose.yaml"), "config", "-q");

        Assert.True(result.ExitCode == 0, result.Describe());
    }

    [Theory]
    [MemberData(nameof(Topologies.All), MemberType = typeof(Topologies))]
    public void ServicesAndExecutorWiringFollowTheTopology(Topology topology)
    {
        using var deployment = PublishedDeployment.Of(topology);

        var services = Config(deployment).Map("services");

        string[] expected = topology switch
        {
            Topology.Shared => ["redis", "controlplane", "flawless", "worker"],
            Topology.PerWorker => ["redis", "controlplane", "flawless-1", "flawless-2", "flawless-3", "worker-1", "worker-2", "worker-3"],
            Topology.Pool => ["redis", "controlplane", "flawless-1", "flawless-2", "worker"],
            _ => ["redis", "controlplane", "worker"],
        };
        Assert.Equal(expected.Order(StringComparer.Ordinal), services.Keys().Order(StringComparer.Ordinal));
        if (topology == Topology.PerWorker)
        {
            foreach (var i in new[] { 1, 2, 3 })
            {
                var worker = services.At($"worker-{i}");
                Assert.Equal($"worker-{i}", worker.Text("environment", "Worker__Id"));
                Assert.Equal($"http://flawless-{i}:8080", worker.Text("environment", "Worker__ExecutorUrl"));
                Assert.Equal(["flawless-" + i, "redis"], worker.Keys("depends_on").Order(StringComparer.Ordinal));
                Assert.Null(worker.Find("deploy", "replicas"));
            }
            return;
        }
        var replicated = services.At("worker");
        Assert.Equal(3, replicated.Int("deploy", "replicas"));
        var env = replicated.Map("environment");
        switch (topology)
        {
            case Topology.Shared:
                Assert.Equal("http://flawless:8080", env.Text("Worker__ExecutorUrl"));
                Assert.Equal(["flawless", "redis"], replicated.Keys("depends_on").Order(StringComparer.Ordinal));
                break;
            case Topology.Pool:
                Assert.Equal("http://flawless-1:8080", env.Text("Worker__ExecutorUrls__0"));
                Assert.Equal("http://flawless-2:8080", env.Text("Worker__ExecutorUrls__1"));
                Assert.Null(env.Find("Worker__ExecutorUrl"));
                Assert.Equal(["flawless-1", "flawless-2", "redis"], replicated.Keys("depends_on").Order(StringComparer.Ordinal));
                break;
            case Topology.Embedded:
                Assert.Equal("embedded", env.Text("Worker__Executor"));
                Assert.Equal(["redis"], replicated.Keys("depends_on"));
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Topologies.All), MemberType = typeof(Topologies))]
    public void EveryServiceIsHealthCheckedRestartedAndStartsAfterHealthyDependencies(Topology topology)
    {
        using var deployment = PublishedDeployment.Of(topology);

        var services = Config(deployment).Map("services");

        foreach (var (key, service) in services.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            Assert.Equal("unless-stopped", service.Text("restart"));
            Assert.NotEmpty(service.Items("healthcheck", "test"));
            if (name == "redis")
            {
                continue;
            }
            Assert.Contains("/health", string.Join(' ', service.Items("healthcheck", "test")));
            Assert.Contains("redis", service.Keys("depends_on"));
            Assert.All(service.Keys("depends_on"), d => Assert.Equal("service_healthy", service.Text("depends_on", d, "condition")));
            Assert.Equal("8080", service.Text("environment", "ASPNETCORE_HTTP_PORTS"));
            Assert.StartsWith("redis:6379,password=", service.Text("environment", "ConnectionStrings__redis"), StringComparison.Ordinal);
            Assert.Equal("mvmci", service.Text("environment", "Keyspace__Prefix"));
            if (name.StartsWith("flawless", StringComparison.Ordinal))
            {
                Assert.Equal(name, service.Text("environment", "Flawless__ExecutorId"));
            }
        }
        Assert.Equal("3020:8080", Assert.Single(Raw(deployment).Items("services", "controlplane", "ports")).ToString());
    }

    [Theory]
    [MemberData(nameof(Topologies.All), MemberType = typeof(Topologies))]
    public void RedisKeepsItsAppendOnlyFileOnANamedVolume(Topology topology)
    {
        using var deployment = PublishedDeployment.Of(topology);

        var compose = Raw(deployment);

        var redis = compose.At("services", "redis");
        Assert.Equal("redis:7", redis.Text("image"));
        var command = redis.Items("command").Select(c => c.ToString()).ToArray();
        Assert.Equal("yes", command[Array.IndexOf(command, "--appendonly") + 1]);
        Assert.Equal("redis-data:/data", Assert.Single(redis.Items("volumes")).ToString());
        Assert.Contains("redis-data", compose.Keys("volumes"));
        Assert.Contains("redis-cli ping", string.Join(' ', redis.Items("healthcheck", "test")));
    }

    [Theory]
    [MemberData(nameof(Topologies.All), MemberType = typeof(Topologies))]
    public void PasswordAndImagesComeFromTheEnvFileOnly(Topology topology)
    {
        using var deployment = PublishedDeployment.Of(topology);

        var text = deployment.Read("docker-compose.yaml");
        var env = deployment.Read(".env").Split('\n');

        Assert.DoesNotContain(Topologies.PasswordPlaceholder, text, StringComparison.Ordinal);
        Assert.Contains($"REDIS_PASSWORD={Topologies.PasswordPlaceholder}", env);
        Assert.Contains("MVMCI_REGISTRY=mvmci", env);
        Assert.Contains("MVMCI_TAG=latest", env);
        var services = Raw(deployment).Map("services");
        foreach (var (key, service) in services.Children.Where(s => ((YamlScalarNode)s.Key).Value != "redis"))
        {
            Assert.Matches(@"^\$\{MVMCI_REGISTRY\}/(controlplane|worker|flawless):\$\{MVMCI_TAG\}$", service.Text("image"));
            Assert.EndsWith("password=${REDIS_PASSWORD}", service.Text("environment", "ConnectionStrings__redis"), StringComparison.Ordinal);
        }
        Assert.Contains("${REDIS_PASSWORD", string.Join(' ', services.Items("redis", "command")), StringComparison.Ordinal);
        // docker-compose really fills them in from .env:
        var resolved = Config(deployment).Map("services");
        Assert.Equal("mvmci/controlplane:latest", resolved.Text("controlplane", "image"));
        Assert.Equal($"redis:6379,password={Topologies.PasswordPlaceholder}", resolved.Text("controlplane", "environment", "ConnectionStrings__redis"));
    }
}
