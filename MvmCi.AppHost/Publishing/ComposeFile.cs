using System.Globalization;
using YamlDotNet.RepresentationModel;
using static MvmCi.AppHost.Publishing.DeploymentNames;
using static MvmCi.AppHost.Publishing.Yaml;

namespace MvmCi.AppHost.Publishing;

/// <summary>
/// <c>docker-compose.yaml</c>, its <c>.env</c> and <c>.env.example</c>: images, tag and the Redis password are
/// variables kept in <c>.env</c>, so the compose file itself holds no secret and no registry. The service and admin
/// keys are variables too, but no generated file gives them a value: compose refuses to start until the operator does.
/// </summary>
internal static class ComposeFile
{
    public const string RegistryVariable = "MVMCI_REGISTRY";
    public const string TagVariable = "MVMCI_TAG";
    public const string EnvExampleFile = ".env.example";
    private const string Volume = "redis-data";

    public static string Env(DeploymentPlan plan) => string.Join('\n',
        $"# Variables of docker-compose.yaml (MvmCi, topology '{plan.Topology.Name()}').",
        "# Images: ${MVMCI_REGISTRY}/controlplane|worker|flawless:${MVMCI_TAG}.",
        $"{RegistryVariable}={plan.ImageRegistry}",
        $"{TagVariable}={plan.ImageTag}",
        "# A placeholder: replace it before deploying (e.g. openssl rand -hex 32). Letters and digits only,",
        "# as it goes into the services' Redis connection string.",
        $"{PasswordVariable}={PasswordPlaceholder}",
        $"# {DeploymentKeys.Service.Variable} and {DeploymentKeys.Admin.Variable} are deliberately not set here: see {EnvExampleFile}.",
        "");

    /// <summary>The key variables, empty: copied as they are, compose still refuses to start.</summary>
    public static string EnvExample(DeploymentPlan plan) => string.Join('\n',
        $"# The keys of docker-compose.yaml (MvmCi, topology '{plan.Topology.Name()}'). docker compose refuses to start without them.",
        $"# Generate each one (at least {DeploymentKeys.MinimumLength} characters) with: {DeploymentKeys.GenerateCommand}",
        "# then export them in the shell that runs docker compose, or add these lines, filled in, to .env.",
        "# Keep the values: re-publishing rewrites .env, and never commit a file that holds them.",
        $"# {DeploymentKeys.Service.Variable}: the secret all services share (workers -> executors; it also encrypts job secrets).",
        $"{DeploymentKeys.Service.Variable}=",
        $"# {DeploymentKeys.Admin.Variable}: the control plane's bootstrap admin API key, which creates the other keys (POST /api/keys).",
        $"{DeploymentKeys.Admin.Variable}=",
        "");

    public static string Yaml(DeploymentPlan plan)
    {
        var services = new YamlMappingNode { { RedisHost, RedisService() }, { ControlPlane, ControlPlaneService(plan) } };
        foreach (var (name, service) in ExecutorsAndWorkers(plan))
        {
            services.Add(name, service);
        }
        var root = Map(("services", services), ("volumes", Map((Volume, Map()))));
        return Write($"MvmCi on docker compose, topology '{plan.Topology.Name()}', {plan.Workers} worker(s). Generated: re-run the publish command rather than editing.\nVariables come from .env beside this file; the keys from the environment or .env (see .env.example).", root);
    }

    private static IEnumerable<(string Name, YamlMappingNode Service)> ExecutorsAndWorkers(DeploymentPlan plan)
    {
        switch (plan.Topology)
        {
            case Topology.Shared:
                yield return (Flawless, ExecutorService(plan, Flawless));
                yield return (Worker, WorkerService(plan, null, [Flawless], ("Worker__ExecutorUrl", Url(Flawless))));
                break;
            case Topology.PerWorker:
                for (var i = 1; i <= plan.Workers; i++)
                {
                    yield return ($"{Flawless}-{i}", ExecutorService(plan, $"{Flawless}-{i}"));
                }
                for (var i = 1; i <= plan.Workers; i++)
                {
                    yield return ($"{Worker}-{i}", WorkerService(plan, $"{Worker}-{i}", [$"{Flawless}-{i}"], ("Worker__ExecutorUrl", Url($"{Flawless}-{i}"))));
                }
                break;
            case Topology.Pool:
                var pool = Enumerable.Range(1, plan.Executors).Select(i => $"{Flawless}-{i}").ToArray();
                foreach (var executor in pool)
                {
                    yield return (executor, ExecutorService(plan, executor));
                }
                yield return (Worker, WorkerService(plan, null, pool,
                    [.. pool.Select((e, i) => (string.Create(CultureInfo.InvariantCulture, $"Worker__ExecutorUrls__{i}"), Url(e)))]));
                break;
            case Topology.Embedded:
                yield return (Worker, WorkerService(plan, null, [], ("Worker__Executor", "embedded")));
                break;
        }
    }

    private static string Url(string service) => $"http://{service}:{HttpPort}";

    private static YamlMappingNode RedisService() => Map(
        ("image", RedisImage),
        ("command", Seq("redis-server", "--appendonly", "yes", "--requirepass", $"${{{PasswordVariable}:?set {PasswordVariable} in .env}}")),
        // redis-cli reads the password from REDISCLI_AUTH, so the health check needs none on its command line.
        ("environment", Map(("REDISCLI_AUTH", $"${{{PasswordVariable}}}"))),
        ("volumes", Seq($"{Volume}:/data")),
        ("healthcheck", Map(
            ("test", Seq("CMD-SHELL", "redis-cli ping | grep -q PONG")),
            ("interval", "5s"), ("timeout", "3s"), ("retries", 10))),
        ("restart", "unless-stopped"));

    private static YamlMappingNode ControlPlaneService(DeploymentPlan plan) => Service(
        plan, ControlPlane, [], [],
        ("ports", Seq(string.Create(CultureInfo.InvariantCulture, $"{ControlPlanePort}:{HttpPort}"))));

    private static YamlMappingNode ExecutorService(DeploymentPlan plan, string name) =>
        Service(plan, Flawless, [("Flawless__ExecutorId", name)], []);

    private static YamlMappingNode WorkerService(
        DeploymentPlan plan, string? id, string[] executors, params (string Key, string Value)[] executorEnvironment)
    {
        (string, string)[] environment = id is null ? executorEnvironment : [("Worker__Id", id), .. executorEnvironment];
        return Service(plan, Worker, environment, executors,
            ("deploy", id is null ? Map(("replicas", plan.Workers)) : null),
            ("stop_grace_period", string.Create(CultureInfo.InvariantCulture, $"{WorkerStopGraceSeconds}s")));
    }

    private static YamlMappingNode Service(
        DeploymentPlan plan, string image, (string Key, string Value)[] environment, string[] executors,
        params (string Key, object? Value)[] extra)
    {
        var env = Map([
            ("ASPNETCORE_HTTP_PORTS", HttpPort.ToString(CultureInfo.InvariantCulture)),
            ("ConnectionStrings__redis", $"{RedisHost}:{RedisPort},password=${{{PasswordVariable}}}"),
            ("Keyspace__Prefix", plan.KeyspacePrefix),
            .. DeploymentKeys.For(image).Select(k => (k.Setting, (object?)k.ComposeValue)),
            .. environment.Select(e => (e.Key, (object?)e.Value))]);
        var dependsOn = Map([(RedisHost, Healthy()), .. executors.Select(e => (e, (object?)Healthy()))]);
        return Map([
            ("image", $"${{{RegistryVariable}}}/{image}:${{{TagVariable}}}"),
            ("environment", env),
            .. extra.Where(e => e.Key == "ports"),
            ("depends_on", dependsOn),
            ("healthcheck", HttpHealthCheck()),
            .. extra.Where(e => e.Key != "ports"),
            ("restart", "unless-stopped")]);
    }

    private static YamlMappingNode Healthy() => Map(("condition", "service_healthy"));

    /// <summary>
    /// The .NET runtime images have no curl or wget, but they have bash: one HTTP/1.1 request over
    /// <c>/dev/tcp</c>, healthy when the status line says 200.
    /// </summary>
    private static YamlMappingNode HttpHealthCheck() => Map(
        ("test", Seq("CMD", "bash", "-c", string.Create(CultureInfo.InvariantCulture,
            $"exec 3<>/dev/tcp/127.0.0.1/{HttpPort} && printf 'GET /health HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"))),
        ("interval", "10s"), ("timeout", "5s"), ("retries", 6), ("start_period", "15s"));
}
