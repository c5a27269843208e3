using MvmCi.AppHost;
using MvmCi.AppHost.Publishing;

namespace MvmCi.Publishing.Tests;

/// <summary>The optional KEDA overlay: the base plus a ScaledObject on the queue stream.</summary>
public sealed class KedaOverlayTests
{
    [Theory]
    [MemberData(nameof(Topologies.All), MemberType = typeof(Topologies))]
    public void OverlayIsTheBasePlusAScaledObjectForTheWorkers(Topology topology)
    {
        using var deployment = PublishedDeployment.Of(topology);

        var keda = Kustomized.Build(deployment, "k8s/keda");
        var k8s = Kustomized.Build(deployment, "k8s");

        foreach (var kind in new[] { "Deployment", "StatefulSet", "Service", "Secret", "ConfigMap" })
        {
            Assert.Equal(k8s.Names(kind), keda.Names(kind));
        }
        var scaled = keda.Get("ScaledObject", "worker");
        Assert.Equal("worker", scaled.Text("spec", "scaleTargetRef", "name"));
        Assert.True(scaled.Int("spec", "minReplicaCount") >= 1, "the workers also sweep timeouts and requeue retries: one must stay");
        Assert.True(scaled.Int("spec", "maxReplicaCount") >= 3);
        var triggers = scaled.Items("spec", "triggers");
        Assert.Equal(2, triggers.Count);
        foreach (var trigger in triggers)
        {
            Assert.Equal("redis-streams", trigger.Text("type"));
            Assert.Equal("redis:6379", trigger.Text("metadata", "address"));
            Assert.Equal("mvmci:queue:default", trigger.Text("metadata", "stream"));
            Assert.Equal("workers", trigger.Text("metadata", "consumerGroup"));
            var auth = keda.Get("TriggerAuthentication", trigger.Text("authenticationRef", "name"));
            var secretRef = Assert.Single(auth.Items("spec", "secretTargetRef"));
            Assert.Equal("password", secretRef.Text("parameter"));
            Assert.Equal("mvmci-redis", secretRef.Text("name"));
            Assert.Equal("password", secretRef.Text("key"));
        }
        Assert.Single(triggers, t => t.Find("metadata", "pendingEntriesCount") is not null);
        Assert.Single(triggers, t => t.Find("metadata", "lagCount") is not null);
    }

    [Fact]
    public void ScaledStreamFollowsTheKeyspacePrefix()
    {
        using var deployment = new PublishedDeployment(new DeploymentPlan(Topology.Pool, Workers: 2, KeyspacePrefix: "ci-a"));

        var keda = Kustomized.Build(deployment, "k8s/keda");

        Assert.All(keda.Get("ScaledObject", "worker").Items("spec", "triggers"),
            t => Assert.Equal("ci-a:queue:default", t.Text("metadata", "stream")));
    }
}
