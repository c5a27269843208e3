using MvmCi.AppHost;
using YamlDotNet.RepresentationModel;

namespace MvmCi.Publishing.Tests;

/// <summary>docker-compose.yaml for each topology, as Debian's docker-compose reads it.</summary>
public sealed class ComposeOutputTests
{
    private static YamlMappingNode Config(PublishedDeployment deployment)
    {
        var result = ExternalTool.DockerCompose(TestKeys.Both, "-f", deployment.PathOf("docker-compose.yaml"), "config");
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

        var result = ExternalTool.DockerCompose(TestKeys.Both, "-f", deployment.PathOf("docker-compose.yaml"), "config", "-q");

        Assert.True(result.ExitCode == 0, result.Describe());
    }

    [Theory]
    [MemberData(nameof(Topologies.All), MemberType = typeof(Topologies))]
    public void EveryServiceTakesTheServiceKeyAndOnlyTheControlPlaneTheAdminKeyFromTheEnvironment(Topology topology)
    {
        using var deployment = PublishedDeployment.Of(topology);

        var raw = Raw(deployment).Map("services");
        var resolved = Config(deployment).Map("services");

        var services = raw.Keys().Where(s => s != "redis").ToArray();
        Assert.Equal(raw.Keys().Count - 1, services.Length);
        foreach (var name in services)
        {
            Assert.Matches(@"^\$\{MVMCI_SERVICE_KEY:\?set MVMCI_SERVICE_KEY [^}]+\}$", raw.Text(name, "environment", "Security__ServiceKey"));
            Assert.Equal(TestKeys.ServiceKey, resolved.Text(name, "environment", "Security__ServiceKey"));
            if (name == "controlplane")
            {
                Assert.Matches(@"^\$\{MVMCI_ADMIN_KEY:\?set MVMCI_ADMIN_KEY [^}]+\}$", raw.Text(name, "environment", "Access__AdminKey"));
                Assert.Equal(TestKeys.AdminKey, resolved.Text(name, "environment", "Access__AdminKey"));
            }
            else
            {
                Assert.Null(raw.Find(name, "environment", "Access__AdminKey"));
            }
        }
        Assert.Null(raw.Find("redis", "environment", "Security__ServiceKey"));
        Assert.Null(raw.Find("redis", "environment", "Access__AdminKey"));
    }

    [Theory]
    [InlineData(TestKeys.ServiceVariable, null)]
    [InlineData(TestKeys.ServiceVariable, "")]
    [InlineData(TestKeys.AdminVariable, null)]
    [InlineData(TestKeys.AdminVariable, "")]
    public void ComposeRefusesToStartWithoutAKeyAndSaysWhichAndHow(string variable, string? value)
    {
        using var deployment = PublishedDeployment.Of(Topology.PerWorker);

        var result = ExternalTool.DockerCompose(TestKeys.With(variable, value), "-f", deployment.PathOf("docker-compose.yaml"), "config", "-q");

        Assert.True(result.ExitCode != 0, result.Describe());
        Assert.Contains($"set {variable} (at least 24 characters, e.g. openssl rand -hex 24)", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Topologies.All), MemberType = typeof(Topologies))]
    public void TheEnvFilesNameTheKeysButGiveThemNoValue(Topology topology)
    {
        using var deployment = PublishedDeployment.Of(topology);

        var env = Assignments(deployment.Read(".env"));
        var example = Assignments(deployment.Read(".env.example"));

        Assert.DoesNotContain(env, a => a.Name is TestKeys.ServiceVariable or TestKeys.AdminVariable);
        Assert.Equal([TestKeys.ServiceVariable, TestKeys.AdminVariable], example.Select(a => a.Name));
        Assert.All(example, a => Assert.Empty(a.Value));
        Assert.Contains("openssl rand -hex 24", deployment.Read(".env.example"), StringComparison.Ordinal);
        // An operator who copies the example into .env unfilled still gets compose's refusal, not a running deployment:
        File.AppendAllText(deployment.PathOf(".env"), deployment.Read(".env.example"));
        var result = ExternalTool.DockerCompose(new Dictionary<string, string>(), "-f", deployment.PathOf("docker-compose.yaml"), "config", "-q");
        Assert.True(result.ExitCode != 0, result.Describe());
        Assert.Contains("set MVMCI_", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void TheReadmesComposeRecipeLetsComposeStartWithGeneratedKeys()
    {
        using var deployment = PublishedDeployment.Of(Topology.Pool);
        var recipe = Assert.Single(deployment.Read("README.md").Split('\n'), l => l.StartsWith("printf ", StringComparison.Ordinal));

        var ran = ExternalTool.Bash(recipe, deployment.Directory);
        var result = ExternalTool.DockerCompose(new Dictionary<string, string>(), "-f", deployment.PathOf("docker-compose.yaml"), "config");

        Assert.True(ran.ExitCode == 0, ran.Describe());
        Assert.True(result.ExitCode == 0, result.Describe());
        var services = Assert.Single(YamlQuery.Documents(result.Stdout)).Map("services");
        var serviceKey = services.Text("controlplane", "environment", "Security__ServiceKey");
        Assert.Matches("^[0-9a-f]{48}$", serviceKey);
        Assert.Matches("^[0-9a-f]{48}$", services.Text("controlplane", "environment", "Access__AdminKey"));
        Assert.NotEqual(serviceKey, services.Text("controlplane", "environment", "Access__AdminKey"));
        Assert.All(services.Keys().Where(s => s != "redis"), s => Assert.Equal(serviceKey, services.Text(s, "environment", "Security__ServiceKey")));
    }

    /// <summary>The <c>NAME=value</c> lines of an env file, in order, comments skipped.</summary>
    private static IReadOnlyList<(string Name, string Value)> Assignments(string envFile) => [.. envFile.Split('\n')
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => l.Split('=', 2))
        .Select(p => (p[0], p.Length > 1 ? p[1] : ""))];

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
