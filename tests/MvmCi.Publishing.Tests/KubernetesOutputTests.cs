using System.Text;
using MvmCi.AppHost;
using YamlDotNet.RepresentationModel;

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

    [Theory]
    [MemberData(nameof(Topologies.All), MemberType = typeof(Topologies))]
    public void EveryServiceContainerTakesTheKeysFromTheOperatorsSecretWhichNothingDefines(Topology topology)
    {
        using var deployment = PublishedDeployment.Of(topology);

        foreach (var directory in new[] { "k8s", "k8s/keda" })
        {
            var k8s = Kustomized.Build(deployment, directory);

            var services = k8s.Containers().Where(c => c.Owner != "redis").ToArray();
            string[] expected = topology switch
            {
                Topology.Shared or Topology.Pool => ["controlplane/controlplane", "flawless/flawless", "worker/worker"],
                Topology.PerWorker => ["controlplane/controlplane", "worker/flawless", "worker/worker"],
                _ => ["controlplane/controlplane", "worker/worker"],
            };
            Assert.Equal(expected, services.Select(c => $"{c.Owner}/{c.Container.Text("name")}").Order(StringComparer.Ordinal));
            foreach (var (owner, container) in services)
            {
                AssertFromKeysSecret(container, "Security__ServiceKey", "service-key");
                if (owner == "controlplane")
                {
                    AssertFromKeysSecret(container, "Access__AdminKey", "admin-key");
                }
                else
                {
                    Assert.DoesNotContain(container.Items("env"), e => e.Text("name") == "Access__AdminKey");
                }
            }
            var redis = Assert.Single(k8s.Containers(), c => c.Owner == "redis").Container;
            Assert.DoesNotContain(redis.Items("env"), e => e.Text("name") is "Security__ServiceKey" or "Access__AdminKey");
            Assert.Equal(["mvmci-redis"], k8s.Names("Secret"));
        }
    }

    [Theory]
    [MemberData(nameof(Topologies.All), MemberType = typeof(Topologies))]
    public void TheBaseListsEveryManifestBesideIt(Topology topology)
    {
        using var deployment = PublishedDeployment.Of(topology);

        var kustomization = Assert.Single(YamlQuery.Documents(deployment.Read("k8s/base/kustomization.yaml")));

        var manifests = deployment.Files
            .Where(f => f.StartsWith("k8s/base/", StringComparison.Ordinal) && f != "k8s/base/kustomization.yaml")
            .Select(f => f["k8s/base/".Length..]);
        Assert.Equal(manifests.Order(StringComparer.Ordinal), kustomization.Items("resources").Select(r => r.ToString()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Topologies.All), MemberType = typeof(Topologies))]
    public void TheReadmesSecretCommandCreatesEveryKeyTheContainersReference(Topology topology)
    {
        using var deployment = PublishedDeployment.Of(topology);
        var command = Assert.Single(deployment.Read("README.md").Split('\n'),
            l => l.StartsWith("kubectl create secret generic mvmci-keys ", StringComparison.Ordinal));

        var created = ExternalTool.Bash($"{command} --dry-run=client -o yaml", deployment.Directory);

        Assert.True(created.ExitCode == 0, created.Describe());
        var secret = Assert.Single(YamlQuery.Documents(created.Stdout));
        Assert.Equal("mvmci-keys", secret.Text("metadata", "name"));
        var referenced = Kustomized.Build(deployment, "k8s").Containers()
            .SelectMany(c => c.Container.Items("env"))
            .Where(e => e.Find("valueFrom", "secretKeyRef", "name")?.ToString() == "mvmci-keys")
            .Select(e => e.Text("valueFrom", "secretKeyRef", "key"))
            .Distinct()
            .Order(StringComparer.Ordinal);
        Assert.Equal(["admin-key", "service-key"], referenced);
        Assert.Equal(referenced, secret.Keys("data").Order(StringComparer.Ordinal));
        var values = secret.Keys("data").Select(k => Encoding.UTF8.GetString(Convert.FromBase64String(secret.Text("data", k)))).ToArray();
        Assert.All(values, v => Assert.Matches("^[0-9a-f]{48}$", v));
        Assert.NotEqual(values[0], values[1]);
    }

    private static void AssertFromKeysSecret(YamlNode container, string name, string key)
    {
        var variable = Assert.Single(container.Items("env"), e => e.Text("name") == name);
        Assert.Null(variable.Find("value"));
        Assert.Equal("mvmci-keys", variable.Text("valueFrom", "secretKeyRef", "name"));
        Assert.Equal(key, variable.Text("valueFrom", "secretKeyRef", "key"));
    }
}
