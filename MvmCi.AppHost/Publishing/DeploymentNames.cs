namespace MvmCi.AppHost.Publishing;

/// <summary>Names and ports the compose file and the Kubernetes base share.</summary>
internal static class DeploymentNames
{
    public const string RedisHost = "redis";
    public const string RedisImage = "redis:7";
    public const int RedisPort = 6379;
    public const string ControlPlane = "controlplane";
    public const string Worker = "worker";
    public const string Flawless = "flawless";

    /// <summary>What every .NET container listens on (<c>ASPNETCORE_HTTP_PORTS</c>).</summary>
    public const int HttpPort = 8080;

    /// <summary>The per-worker executor sidecar, beside the worker's own 8080 in the same pod.</summary>
    public const int SidecarPort = 8081;

    /// <summary>The control plane's published port, the same as when the AppHost runs it locally.</summary>
    public const int ControlPlanePort = 3020;

    public const string ConfigMap = "mvmci-config";
    public const string Secret = "mvmci-redis";
    public const string SecretKey = "password";
    public const string PasswordVariable = "REDIS_PASSWORD";

    /// <summary>The value the generated Secret and <c>.env</c> hold until the operator replaces it: never a real secret.</summary>
    public const string PasswordPlaceholder = "change-me";

    /// <summary>A worker's drain grace (<c>Worker:DrainGraceSeconds</c>, 30 s) plus a margin to hand jobs back and exit.</summary>
    public const int WorkerStopGraceSeconds = 45;

    /// <summary>The stream of the default queue's priority 0, which KEDA watches.</summary>
    public static string QueueStream(DeploymentPlan plan) => $"{plan.KeyspacePrefix}:queue:default";

    public const string ConsumerGroup = "workers";
}
