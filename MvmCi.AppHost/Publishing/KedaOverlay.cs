using System.Globalization;
using YamlDotNet.RepresentationModel;
using static MvmCi.AppHost.Publishing.DeploymentNames;
using static MvmCi.AppHost.Publishing.KubernetesObjects;
using static MvmCi.AppHost.Publishing.Yaml;

namespace MvmCi.AppHost.Publishing;

/// <summary>
/// The optional overlay <c>k8s/keda/</c>: the base plus a KEDA <c>ScaledObject</c> that scales the worker
/// Deployment on the default queue's stream, by its pending entries (jobs claimed and running) and by its
/// consumer-group lag (jobs not yet claimed), with the Redis password from the base's Secret.
/// </summary>
internal static class KedaOverlay
{
    /// <summary>Entries per worker: one worker runs <c>Worker:Concurrency</c> (4) jobs at once.</summary>
    private const string EntriesPerWorker = "4";

    public static IEnumerable<(string File, string Text)> Files(DeploymentPlan plan)
    {
        const string scaler = "worker-scaler.yaml";
        yield return (scaler, Write(
            $"KEDA (2.x, redis-streams scaler) scales the workers on '{QueueStream(plan)}'. KEDA's operator connects to\n" +
            "Redis itself: if MvmCi is not in KEDA's namespace, set 'address' to redis.<namespace>.svc.cluster.local:6379.\n" +
            "At least one worker stays: the workers also run the timeout sweeper and due retries.",
            TriggerAuthentication(), ScaledObject(plan)));
        yield return ("kustomization.yaml", Write(
            "The base plus KEDA autoscaling of the workers: kubectl apply -k k8s/keda (needs KEDA's CRDs installed).",
            Map(
                ("apiVersion", "kustomize.config.k8s.io/v1beta1"),
                ("kind", "Kustomization"),
                ("resources", Seq("../base", scaler)))));
    }

    private static YamlMappingNode TriggerAuthentication() => Map(
        ("apiVersion", "keda.sh/v1alpha1"),
        ("kind", "TriggerAuthentication"),
        ("metadata", Metadata(Secret)),
        ("spec", Map(("secretTargetRef", Seq(Map(("parameter", "password"), ("name", Secret), ("key", SecretKey)))))));

    private static YamlMappingNode ScaledObject(DeploymentPlan plan) => Map(
        ("apiVersion", "keda.sh/v1alpha1"),
        ("kind", "ScaledObject"),
        ("metadata", Metadata(Worker)),
        ("spec", Map(
            ("scaleTargetRef", Map(("name", Worker))),
            ("minReplicaCount", 1),
            ("maxReplicaCount", Math.Max(plan.Workers * 4, 4)),
            ("triggers", Seq(
                Trigger(plan, ("pendingEntriesCount", EntriesPerWorker)),
                Trigger(plan, ("lagCount", EntriesPerWorker), ("activationLagCount", "1")))))));

    private static YamlMappingNode Trigger(DeploymentPlan plan, params (string Key, object? Value)[] mode) => Map(
        ("type", "redis-streams"),
        ("metadata", Map([
            ("address", string.Create(CultureInfo.InvariantCulture, $"{RedisHost}:{RedisPort}")),
            ("stream", QueueStream(plan)),
            ("consumerGroup", ConsumerGroup),
            .. mode])),
        ("authenticationRef", Map(("name", Secret))));
}
