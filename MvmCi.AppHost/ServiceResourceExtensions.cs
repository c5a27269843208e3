namespace MvmCi.AppHost;

public static class ServiceResourceExtensions
{
    /// <summary>The control plane on :3020 (see its launch profile), one shared Flawless executor and N workers.</summary>
    public static void AddMvmCiServices(
        this IDistributedApplicationBuilder builder, IResourceBuilder<IResourceWithConnectionString> redis, AppHostSettings settings)
    {
        var flawless = builder.AddProject<Projects.MvmCi_Flawless>("flawless")
            .WithReference(redis).WaitFor(redis)
            .WithEnvironment("Flawless__ExecutorId", "flawless")
            .WithKeyspace(settings)
            .WithHttpHealthCheck("/health");

        builder.AddProject<Projects.MvmCi_ControlPlane>("controlplane")
            .WithReference(redis).WaitFor(redis)
            .WithKeyspace(settings)
            .WithHttpHealthCheck("/health")
            .WithUrlForEndpoint("http", url => url.DisplayText = "API");

        for (var i = 1; i <= settings.Workers; i++)
        {
            var name = $"worker-{i}";
            builder.AddProject<Projects.MvmCi_Worker>(name)
                .WithReference(redis).WaitFor(redis)
                .WithReference(flawless).WaitFor(flawless)
                .WithEnvironment("Worker__Id", name)
                .WithEnvironment("Worker__ExecutorUrl", "http://flawless")
                .WithWorkerTimings(settings)
                .WithKeyspace(settings)
                .WithHttpHealthCheck("/health");
        }
    }

    private static IResourceBuilder<ProjectResource> WithWorkerTimings(this IResourceBuilder<ProjectResource> project, AppHostSettings settings)
    {
        if (settings.LeaseTtlSeconds is { } ttl)
        {
            project.WithEnvironment("Worker__LeaseTtlSeconds", ttl.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        if (settings.DrainGraceSeconds is { } grace)
        {
            project.WithEnvironment("Worker__DrainGraceSeconds", grace.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return project;
    }

    private static IResourceBuilder<ProjectResource> WithKeyspace(this IResourceBuilder<ProjectResource> project, AppHostSettings settings) =>
        settings.KeyspacePrefix is { } prefix ? project.WithEnvironment("Keyspace__Prefix", prefix) : project;
}
