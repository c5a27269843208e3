using MvmCi.AppHost;

namespace MvmCi.Publishing.Tests;

/// <summary>The kustomize base for each topology, as <c>kubectl kustomize</c> builds it.</summary>
public sealed class KubernetesOutputTests
{
    [Theory]
    [MemberData(nameof(Topologies.All), MemberType = typeof(Topologies))]
    public void KustomizeBuildsTheBaseAndTheKedaOverlay(Topology topology)
    {
        using var deployment = PublishedDeployment.Of(topology);

        foreach (var directory in new[] { "k8s", "k8s/keda" })
        {
            var result = ExternalTool.Kubectl("kustomize", deployment.PathOf(directory));
            Assert.True(result.ExitCode == 0, $"{directory}: {result.Describe()}");
        }
    }

    [Theory]
    [MemberData(nameof(Topologies.All), MemberType = typeof(Topologies))]
    public void WorkloadsFollowTheTopology(Topology topology)
    {
        using var deployment = PublishedDeployment.Of(topology);

        var k8s = Kustomized.Build(deployment, "k8s");

        var worker = k8s.Get("Deployment", "worker");
        Assert.Equal(3, worker.Int("spec", "replicas"));
        Assert.Equal(1, k8s.Get("Deployment", "controlplane").Int("spec", "replicas"));
        var workerContainer = Assert.Single(worker.Items("spec", "template", "spec", "containers"));
        var sidecars = worker.Items("spec", "template", "spec", "initContainers");
        var hasExecutorDeployment = topology is Topology.Shared or Topology.Pool;
        Assert.Equal(hasExecutorDeployment ? ["controlplane", "flawless", "worker"] : ["controlplane", "worker"], k8s.Names("Deployment"));
        Assert.Equal(hasExecutorDeployment ? ["controlplane", "flawless", "redis"] : ["controlplane", "redis"], k8s.Names("Service"));
        switch (topology)
        {
            case Topology.Shared or Topology.Pool:
                Assert.Equal(topology == Topology.Pool ? 2 : 1, k8s.Get("Deployment", "flawless").Int("spec", "replicas"));
                Assert.Equal(8080, Assert.Single(k8s.Get("Service", "flawless").Items("spec", "ports")).Int("port"));
                Assert.Equal("http://flawless:8080", Kustomized.Env(workerContainer, "Worker__ExecutorUrl"));
                Assert.Empty(sidecars);
                break;
            case Topology.PerWorker:
                var sidecar = Assert.Single(sidecars);
                Assert.Equal("flawless", sidecar.Text("name"));
                Assert.Equal("Always", sidecar.Text("restartPolicy"));
                Assert.Equal(8081, Assert.Single(sidecar.Items("ports")).Int("containerPort"));
                Assert.Equal("8081", Kustomized.Env(sidecar, "ASPNETCORE_HTTP_PORTS"));
                Assert.Equal("http://localhost:8081", Kustomized.Env(workerContainer, "Worker__ExecutorUrl"));
                break;
            case Topology.Embedded:
                Assert.Empty(sidecars);
                Assert.Equal("embedded", Kustomized.Env(workerContainer, "Worker__Executor"));
                Assert.DoesNotContain(k8s.Containers(), c => c.Container.Text("name") == "flawless");
                break;
        }
        var controlPlane = Assert.Single(k8s.Get("Service", "controlplane").Items("spec", "ports"));
        Assert.Equal(3020, controlPlane.Int("port"));
        Assert.Equal("http", controlPlane.Text("targetPort"));
    }

    [Theory]
    [MemberData(nameof(Topologies.All), MemberType = typeof(Topologies))]
    public void EveryServiceContainerHasReadinessAndLivenessProbesAndResources(Topology topology)
    {
        using var deployment = PublishedDeployment.Of(topology);

        var containers = Kustomized.Build(deployment, "k8s").Containers().ToArray();

        Assert.NotEmpty(containers);
        foreach (var (owner, container) in containers)
        {
            foreach (var quantity in new[] { "cpu", "memory" })
            {
                Assert.NotEmpty(container.Text("resources", "requests", quantity));
                Assert.NotEmpty(container.Text("resources", "limits", quantity));
            }
            if (owner == "redis")
            {
                Assert.Contains("redis-cli ping", string.Join(' ', container.Items("readinessProbe", "exec", "command")));
                continue;
            }
            Assert.Equal("/health", container.Text("readinessProbe", "httpGet", "path"));
            Assert.Equal("/alive", container.Text("livenessProbe", "httpGet", "path"));
            var ports = container.Items("ports").Select(p => p.Text("name")).ToArray();
            Assert.Contains(container.Text("readinessProbe", "httpGet", "port"), ports);
            Assert.Contains(container.Text("livenessProbe", "httpGet", "port"), ports);
        }
    }

    [Theory]
    [MemberData(nameof(Topologies.All), MemberType = typeof(Topologies))]
    public void RedisIsAStatefulSetWithAPersistentVolumeClaim(Topology topology)
    {
        using var deployment = PublishedDeployment.Of(topology);

        var k8s = Kustomized.Build(deployment, "k8s");

        var redis = k8s.Get("StatefulSet", "redis");
        Assert.Equal("redis", redis.Text("spec", "serviceName"));
        var claim = Assert.Single(redis.Items("spec", "volumeClaimTemplates"));
        Assert.Equal("data", claim.Text("metadata", "name"));
        Assert.NotEmpty(claim.Text("spec", "resources", "requests", "storage"));
        var container = Assert.Single(redis.Items("spec", "template", "spec", "containers"));
        Assert.Equal("redis:7", container.Text("image"));
        Assert.Equal("/data", Assert.Single(container.Items("volumeMounts"), m => m.Text("name") == "data").Text("mountPath"));
        var args = container.Items("args").Select(a => a.ToString()).ToArray();
        Assert.Equal("yes", args[Array.IndexOf(args, "--appendonly") + 1]);
        Assert.Equal("None", k8s.Get("Service", "redis").Text("spec", "clusterIP"));
        Assert.Empty(k8s.OfKind("PersistentVolumeClaim"));
    }

    [Theory]
    [MemberData(nameof(Topologies.All), MemberType = typeof(Topologies))]
    public void ThePasswordIsOnlyInTheSecretAndSharedSettingsInTheConfigMap(Topology topology)
    {
        using var deployment = PublishedDeployment.Of(topology);

        var k8s = Kustomized.Build(deployment, "k8s");

        var secret = k8s.Get("Secret", "mvmci-redis");
        Assert.Equal(Topologies.PasswordPlaceholder, secret.Text("stringData", "password"));
        Assert.All(k8s.Objects.Where(o => o != secret),
            o => Assert.DoesNotContain(Topologies.PasswordPlaceholder, YamlQuery.Dump(o), StringComparison.Ordinal));
        var configMap = Assert.Single(k8s.OfKind("ConfigMap"));
        Assert.StartsWith("mvmci-config-", configMap.Text("metadata", "name"), StringComparison.Ordinal);
        Assert.Equal("mvmci", configMap.Text("data", "Keyspace__Prefix"));
        foreach (var (_, container) in k8s.Containers())
        {
            var password = Assert.Single(container.Items("env"), e => e.Text("name") == "REDIS_PASSWORD");
            Assert.Equal("mvmci-redis", password.Text("valueFrom", "secretKeyRef", "name"));
            Assert.Equal("password", password.Text("valueFrom", "secretKeyRef", "key"));
            if (container.Text("name") != "redis")
            {
                Assert.Equal("redis:6379,password=$(REDIS_PASSWORD)", Kustomized.Env(container, "ConnectionStrings__redis"));
                Assert.Equal(configMap.Text("metadata", "name"), Assert.Single(container.Items("envFrom")).Text("configMapRef", "name"));
            }
        }
    }
}
