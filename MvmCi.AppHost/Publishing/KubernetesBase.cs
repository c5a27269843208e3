using System.Globalization;
using YamlDotNet.RepresentationModel;
using static MvmCi.AppHost.Publishing.DeploymentNames;
using static MvmCi.AppHost.Publishing.KubernetesObjects;
using static MvmCi.AppHost.Publishing.Yaml;

namespace MvmCi.AppHost.Publishing;

/// <summary>
/// The kustomize base in <c>k8s/base/</c>: Redis (StatefulSet with a PVC), the control plane, the workers and the
/// executors the topology asks for. Images are written as <c>mvmci/&lt;component&gt;</c> and set by the
/// kustomization's <c>images:</c>, so <c>kustomize edit set image</c> changes registry and tag.
/// </summary>
internal static class KubernetesBase
{
    public const string FlawlessFile = "flawless.yaml";

    /// <summary>The base's files by name, the kustomization last (it lists the others).</summary>
    public static IEnumerable<(string File, string Text)> Files(DeploymentPlan plan)
    {
        var topology = plan.Topology.Name();
        var resources = new List<(string File, string Text)>
        {
            ("redis-secret.yaml", Write(
                $"A PLACEHOLDER password (topology '{topology}'): replace it before deploying, e.g.\n" +
                $"kubectl create secret generic {Secret} --from-literal={SecretKey}=$(openssl rand -hex 32) --dry-run=client -o yaml > redis-secret.yaml",
                RedisSecret())),
            ("redis.yaml", Write("Redis with AOF on a PersistentVolumeClaim; the headless Service gives it the name 'redis'.", RedisService(), RedisStatefulSet())),
            ("controlplane.yaml", Write("The control plane: the API on port 3020 of the Service.",
                Deployment(ControlPlane, 1, Pod(AppContainer(ControlPlane, ImageName(ControlPlane), ContainerSize.ControlPlane, []))),
                Service(ControlPlane, ControlPlanePort, PortName))),
        };
        if (plan.Topology is Topology.Shared or Topology.Pool)
        {
            var replicas = plan.Topology == Topology.Pool ? plan.Executors : 1;
            resources.Add((FlawlessFile, Write(
                $"The Flawless executor{(replicas > 1 ? "s" : "")} ({replicas}), load-balanced by the Service 'flawless'.",
                Deployment(Flawless, replicas, Pod(AppContainer(Flawless, ImageName(Flawless), ContainerSize.Executor,
                    [("Flawless__ExecutorId", "$(POD_NAME)")]))),
                Service(Flawless, HttpPort, PortName))));
        }
        resources.Add(("worker.yaml", Write(WorkerComment(plan), Deployment(Worker, plan.Workers, WorkerPod(plan)))));
        var kustomization = Write(
            $"The kustomize base of MvmCi, topology '{topology}'. Change registry and tag here, or with\n" +
            "kustomize edit set image mvmci/worker=<registry>/worker:<tag>\n" +
            $"The services read their keys from the Secret '{DeploymentKeys.Secret}', which is not a resource here (it would hold the values).\n" +
            $"Create it once, before the first apply: {DeploymentKeys.CreateSecretCommand}",
            Kustomization(plan, resources.Select(r => r.File)));
        return [.. resources, ("kustomization.yaml", kustomization)];
    }

    /// <summary>
    /// <c>k8s/kustomization.yaml</c>: just the base, so <c>kubectl apply -k k8s</c> works. The base itself cannot be
    /// <c>k8s/</c>: kustomize refuses an overlay (<c>k8s/keda</c>) inside the directory of the base it builds on.
    /// </summary>
    public static string EntryPoint(DeploymentPlan plan) => Write(
        $"MvmCi, topology '{plan.Topology.Name()}': kubectl apply -k k8s (or k8s/keda, with KEDA). Images, registry and tag: base/kustomization.yaml.\n" +
        $"First, once: {DeploymentKeys.CreateSecretCommand}",
        Map(("apiVersion", "kustomize.config.k8s.io/v1beta1"), ("kind", "Kustomization"), ("resources", Seq("base"))));

    public static string ImageName(string component) => $"mvmci/{component}";

    private static string WorkerComment(DeploymentPlan plan) => plan.Topology switch
    {
        Topology.PerWorker => "Workers, each with its own Flawless executor as a sidecar (a restartable init container, so it starts\nbefore the worker and stops after it has drained).",
        Topology.Embedded => "Workers that run the guests in their own process (no executor service).",
        _ => "Workers; they call the executors through the Service 'flawless'.",
    };

    private static YamlMappingNode WorkerPod(DeploymentPlan plan)
    {
        var image = ImageName(Worker);
        var grace = ("terminationGracePeriodSeconds", (object?)WorkerStopGraceSeconds);
        switch (plan.Topology)
        {
            case Topology.PerWorker:
                var sidecar = AppContainer(Flawless, ImageName(Flawless), ContainerSize.Executor,
                    [("ASPNETCORE_HTTP_PORTS", Port(SidecarPort)), ("Flawless__ExecutorId", "$(POD_NAME)-flawless")],
                    SidecarPort, "executor",
                    ("restartPolicy", "Always"),
                    // The worker container starts once this passes: its first job finds the executor up.
                    ("startupProbe", Map(("httpGet", Map(("path", "/health"), ("port", "executor"))), ("periodSeconds", 2), ("failureThreshold", 60))));
                return Map(grace, ("initContainers", Seq(sidecar)),
                    ("containers", Seq(AppContainer(Worker, image, ContainerSize.Worker,
                        [("Worker__ExecutorUrl", $"http://localhost:{Port(SidecarPort)}")]))));
            case Topology.Embedded:
                return Map(grace, ("containers", Seq(AppContainer(Worker, image, ContainerSize.Executor, [("Worker__Executor", "embedded")]))));
            default:
                return Map(grace, ("containers", Seq(AppContainer(Worker, image, ContainerSize.Worker,
                    [("Worker__ExecutorUrl", $"http://{Flawless}:{Port(HttpPort)}")]))));
        }
    }

    private static YamlMappingNode Pod(YamlMappingNode container) => Map(("containers", Seq(container)));

    private static YamlMappingNode RedisSecret() => Map(
        ("apiVersion", "v1"),
        ("kind", "Secret"),
        ("metadata", Metadata(Secret)),
        ("type", "Opaque"),
        ("stringData", Map((SecretKey, PasswordPlaceholder))));

    private static YamlMappingNode RedisService() => Service(RedisHost, RedisPort, RedisHost, headless: true);

    private static YamlMappingNode RedisStatefulSet()
    {
        var ping = Map(("exec", Map(("command", Seq("sh", "-c", "redis-cli ping | grep -q PONG")))));
        YamlMappingNode Probe(int delay) => Map(
            ("exec", ping["exec"]), ("initialDelaySeconds", delay > 0 ? delay : null), ("periodSeconds", 10), ("timeoutSeconds", 3));
        var container = Map(
            ("name", RedisHost),
            ("image", RedisImage),
            ("args", Seq("--appendonly", "yes", "--requirepass", $"$({PasswordVariable})")),
            ("ports", Seq(Map(("name", RedisHost), ("containerPort", RedisPort)))),
            // redis-cli reads REDISCLI_AUTH, so the probes carry no password on a command line.
            ("env", Seq(SecretEnv(PasswordVariable), SecretEnv("REDISCLI_AUTH"))),
            ("readinessProbe", Probe(0)),
            ("livenessProbe", Probe(15)),
            ("resources", Resources(ContainerSize.Redis)),
            ("volumeMounts", Seq(Map(("name", "data"), ("mountPath", "/data")))));
        var claim = Map(
            ("metadata", Map(("name", "data"))),
            ("spec", Map(("accessModes", Seq("ReadWriteOnce")), ("resources", Map(("requests", Map(("storage", "1Gi"))))))));
        var spec = Map(
            ("serviceName", RedisHost),
            ("replicas", 1),
            ("selector", Selector(RedisHost)),
            ("template", PodTemplate(RedisHost, Pod(container))),
            ("volumeClaimTemplates", Seq(claim)));
        return Map(("apiVersion", "apps/v1"), ("kind", "StatefulSet"), ("metadata", Metadata(RedisHost)), ("spec", spec));
    }

    private static YamlMappingNode Kustomization(DeploymentPlan plan, IEnumerable<string> resources) => Map(
        ("apiVersion", "kustomize.config.k8s.io/v1beta1"),
        ("kind", "Kustomization"),
        ("resources", Seq(resources)),
        ("configMapGenerator", Seq(Map(
            ("name", ConfigMap),
            ("literals", Seq(
                string.Create(CultureInfo.InvariantCulture, $"ASPNETCORE_HTTP_PORTS={HttpPort}"),
                $"Keyspace__Prefix={plan.KeyspacePrefix}"))))),
        ("images", Seq(DeploymentPlan.Components
            .Where(c => c != Flawless || plan.HasExecutors)
            .Select(c => (object)Map(
                ("name", ImageName(c)),
                ("newName", $"{plan.ImageRegistry.TrimEnd('/')}/{c}"),
                ("newTag", plan.ImageTag))))));
}
