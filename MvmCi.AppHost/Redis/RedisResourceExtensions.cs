using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Sockets;

namespace MvmCi.AppHost.Redis;

public static class RedisResourceExtensions
{
    public const string ResourceName = "redis";

    /// <summary>
    /// Redis for MvmCi: the Aspire container when publishing or when one runs, else a local
    /// <c>redis-server</c>. With neither, the AppHost stops at once naming what to install.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddMvmCiRedis(
        this IDistributedApplicationBuilder builder, AppHostSettings settings)
    {
        if (builder.ExecutionContext.IsPublishMode || settings.RedisMode == RedisMode.Container)
        {
            return builder.AddRedis(ResourceName);
        }

        var runtime = ContainerRuntimeProbe.RuntimeName(builder.Configuration);
        if (settings.RedisMode == RedisMode.Auto && ContainerRuntimeProbe.EngineAnswers(runtime))
        {
            return builder.AddRedis(ResourceName);
        }

        var server = (settings.RedisServerPath is { } configured ? (File.Exists(configured) ? configured : null) : FindOnPath("redis-server"))
            ?? throw new DistributedApplicationException(
                settings.RedisMode == RedisMode.Local
                    ? $"RedisMode is 'local' but redis-server is not installed{(settings.RedisServerPath is null ? "" : $" at '{settings.RedisServerPath}'")}. " +
                      "Install it: sudo apt-get install -y redis-server"
                    : $"No Redis available: the container runtime '{runtime}' does not answer and redis-server is not installed. " +
                      "Install one: sudo apt-get install -y redis-server (or start Docker/Podman).");
        return builder.AddLocalRedisServer(server, settings.RedisDataDirectory);
    }

    /// <summary>A redis-server process on a free loopback port, with append-only persistence under <paramref name="dataDirectory"/>.</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddLocalRedisServer(
        this IDistributedApplicationBuilder builder, string serverPath, string? dataDirectory)
    {
        var directory = dataDirectory ?? Path.Combine(builder.AppHostDirectory, ".mvmci", "redis");
        Directory.CreateDirectory(directory);
        var port = FreeLoopbackPort();

        var resource = new RedisServerResource(ResourceName, serverPath, directory);
        var healthCheckKey = $"{ResourceName}-ping";
        builder.Services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
            healthCheckKey, _ => new RedisServerHealthCheck(resource), failureStatus: null, tags: null));

        return builder.AddResource(resource)
            // Not proxied: clients talk to redis-server directly; the port is picked here so it can go in the args.
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: RedisServerResource.EndpointName, isProxied: false)
            .WithArgs(
                "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--bind", "127.0.0.1",
                "--protected-mode", "yes",
                "--dir", directory,
                "--appendonly", "yes",
                "--save", "",
                "--daemonize", "no")
            .WithHealthCheck(healthCheckKey)
            .WithIconName("Database");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string command)
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return directories.Select(d => Path.Combine(d, command)).FirstOrDefault(File.Exists);
    }
}
