using System.Globalization;
using YamlDotNet.RepresentationModel;
using static MvmCi.AppHost.Publishing.DeploymentNames;
using static MvmCi.AppHost.Publishing.Yaml;

namespace MvmCi.AppHost.Publishing;

/// <summary>The building blocks of the Kubernetes base: metadata, Deployments, Services, containers, probes.</summary>
internal static class KubernetesObjects
{
    public const string NameLabel = "app.kubernetes.io/name";
    public const string PortName = "http";

    public static YamlMappingNode Metadata(string name) => Map(("name", name), ("labels", Labels(name)));

    public static YamlMappingNode Labels(string name) => Map((NameLabel, name), ("app.kubernetes.io/part-of", "mvmci"));

    public static YamlMappingNode Selector(string name) => Map(("matchLabels", Map((NameLabel, name))));

    public static YamlMappingNode PodTemplate(string name, YamlMappingNode podSpec) =>
        Map(("metadata", Map(("labels", Labels(name)))), ("spec", podSpec));

    public static YamlMappingNode Deployment(string name, int replicas, YamlMappingNode podSpec)
    {
        var spec = Map(("replicas", replicas), ("selector", Selector(name)), ("template", PodTemplate(name, podSpec)));
        return Map(("apiVersion", "apps/v1"), ("kind", "Deployment"), ("metadata", Metadata(name)), ("spec", spec));
    }

    public static YamlMappingNode Service(string name, int port, string targetPort, bool headless = false) => Map(
        ("apiVersion", "v1"),
        ("kind", "Service"),
        ("metadata", Metadata(name)),
        ("spec", Map(
            ("clusterIP", headless ? "None" : null),
            ("selector", Map((NameLabel, name))),
            ("ports", Seq(Map(("name", targetPort), ("port", port), ("targetPort", targetPort)))))));

    /// <summary>
    /// A .NET service container: shared settings from the ConfigMap, the Redis password from the Secret (only
    /// referenced, expanded by the kubelet into the connection string), the keys of its component
    /// (<see cref="DeploymentKeys.For"/>, by <paramref name="name"/>) from the operator's Secret, probes on
    /// <c>/health</c> and <c>/alive</c>.
    /// </summary>
    public static YamlMappingNode AppContainer(
        string name, string image, ContainerSize size, (string Key, string Value)[] environment,
        int port = HttpPort, string portName = PortName, params (string Key, object? Value)[] extra) => Map([
        ("name", name),
        ("image", image),
        ("ports", Seq(Map(("name", portName), ("containerPort", port)))),
        ("envFrom", Seq(Map(("configMapRef", Map(("name", ConfigMap)))))),
        ("env", Seq([
            PodName(),
            SecretEnv(PasswordVariable),
            EnvVar("ConnectionStrings__redis", $"{RedisHost}:{RedisPort},password=$({PasswordVariable})"),
            .. DeploymentKeys.For(name).Select(k => SecretEnv(k.Setting, DeploymentKeys.Secret, k.SecretKey)),
            .. environment.Select(e => EnvVar(e.Key, e.Value))])),
        .. extra,
        ("readinessProbe", HttpProbe("/health", portName, initialDelaySeconds: 0)),
        ("livenessProbe", HttpProbe("/alive", portName, initialDelaySeconds: 10)),
        ("resources", Resources(size)),
        ("securityContext", Map(("allowPrivilegeEscalation", false)))]);

    public static YamlMappingNode HttpProbe(string path, string port, int initialDelaySeconds) => Map(
        ("httpGet", Map(("path", path), ("port", port))),
        ("initialDelaySeconds", initialDelaySeconds > 0 ? initialDelaySeconds : null),
        ("periodSeconds", 10),
        ("timeoutSeconds", 3),
        ("failureThreshold", 3));

    public static YamlMappingNode Resources(ContainerSize size) => Map(
        ("requests", Map(("cpu", size.CpuRequest), ("memory", size.MemoryRequest))),
        ("limits", Map(("cpu", size.CpuLimit), ("memory", size.MemoryLimit))));

    public static YamlMappingNode EnvVar(string name, string value) => Map(("name", name), ("value", value));

    /// <summary>An environment variable from a Secret's key: the Redis password's unless told otherwise.</summary>
    public static YamlMappingNode SecretEnv(string name, string secret = Secret, string key = SecretKey) => Map(
        ("name", name),
        ("valueFrom", Map(("secretKeyRef", Map(("name", secret), ("key", key))))));

    /// <summary><c>POD_NAME</c> from the downward API: unique executor ids across replicas.</summary>
    private static YamlMappingNode PodName() => Map(
        ("name", "POD_NAME"),
        ("valueFrom", Map(("fieldRef", Map(("fieldPath", "metadata.name"))))));

    public static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
