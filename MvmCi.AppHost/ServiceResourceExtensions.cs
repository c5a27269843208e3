namespace MvmCi.AppHost;

public static class ServiceResourceExtensions
{
    /// <summary>
    /// The control plane on :3020 (see its launch profile), N workers, and the executors the topology asks for:
    /// one shared, one per worker, a pool of <c>executors</c>, or none (embedded in the workers).
    /// </summary>
    public static void AddMvmCiServices(
        this IDistributedApplicationBuilder builder, IResourceBuilder<IResourceWithConnectionString> redis, AppHostSettings settings,
        AccessParameters access)
    {
        builder.AddProject<Projects.MvmCi_ControlPlane>("controlplane")
            .WithReference(redis).WaitFor(redis)
            .WithKeyspace(settings)
            .WithRetention(settings)
            .WithServiceKey(access)
            .WithEnvironment("Access__AdminKey", access.ApiKey)
            .WithHttpHealthCheck("/health")
            .WithUrlForEndpoint("http", url => url.DisplayText = "API")
            .WithSignedInDashboardUrl(access);

        IResourceBuilder<ProjectResource> Executor(string name) =>
            builder.AddProject<Projects.MvmCi_Flawless>(name)
                .WithReference(redis).WaitFor(redis)
                .WithEnvironment("Flawless__ExecutorId", name)
                .WithKeyspace(settings)
                .WithServiceKey(access)
                .WithHttpHealthCheck("/health");

        var shared = settings.Topology == Topology.Shared ? Executor("flawless") : null;
        var pool = settings.Topology == Topology.Pool
            ? Enumerable.Range(1, settings.Executors).Select(i => Executor($"flawless-{i}")).ToArray()
            : [];

        for (var i = 1; i <= settings.Workers; i++)
        {
            var name = $"worker-{i}";
            var worker = builder.AddProject<Projects.MvmCi_Worker>(name)
                .WithReference(redis).WaitFor(redis)
                .WithEnvironment("Worker__Id", name)
                .WithWorkerTimings(settings)
                .WithKeyspace(settings)
                .WithServiceKey(access)
                .WithHttpHealthCheck("/health");
            switch (settings.Topology)
            {
                case Topology.Shared:
                    worker.UsesExecutor(shared!);
                    break;
                case Topology.PerWorker:
                    worker.UsesExecutor(Executor($"flawless-{i}"));
                    break;
                case Topology.Pool:
                    for (var e = 0; e < pool.Length; e++)
                    {
                        worker.WithReference(pool[e]).WaitFor(pool[e])
                            .WithEnvironment($"Worker__ExecutorUrls__{e}", ServiceUrl(pool[e]));
                    }
                    break;
                case Topology.Embedded:
                    worker.WithEnvironment("Worker__Executor", "embedded");
                    break;
            }
        }
    }

    private static void UsesExecutor(this IResourceBuilder<ProjectResource> worker, IResourceBuilder<ProjectResource> executor) =>
        worker.WithReference(executor).WaitFor(executor)
            .WithEnvironment("Worker__ExecutorUrl", ServiceUrl(executor));

    /// <summary>The executor's address for service discovery (a plain string, not a reference expression).</summary>
    private static string ServiceUrl(IResourceBuilder<ProjectResource> executor) => "http://" + executor.Resource.Name;

    private static IResourceBuilder<ProjectResource> WithWorkerTimings(this IResourceBuilder<ProjectResource> project, AppHostSettings settings)
    {
        if (settings.LeaseTtlSeconds is { } ttl)
        {
            project.WithEnvironment("Worker__LeaseTtlSeconds", ttl.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        if (settings.Slots is { } slots)
        {
            project.WithEnvironment("Worker__Concurrency", slots.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        if (settings.DrainGraceSeconds is { } grace)
        {
            project.WithEnvironment("Worker__DrainGraceSeconds", grace.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return project;
    }

    private static IResourceBuilder<ProjectResource> WithRetention(this IResourceBuilder<ProjectResource> project, AppHostSettings settings) =>
        settings.RetentionSeconds is { } seconds
            ? project.WithEnvironment("Retention__FinishedJobSeconds", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : project;

    private static IResourceBuilder<ProjectResource> WithServiceKey(this IResourceBuilder<ProjectResource> project, AccessParameters access) =>
        project.WithEnvironment("Security__ServiceKey", access.ServiceKey);

    /// <summary>
    /// A link in the Aspire dashboard that opens the MvmCi dashboard signed in: the key travels in the URL's fragment,
    /// which browsers never send to the server; the page posts it to <c>/api/session</c> and removes it from the address.
    /// </summary>
    private static IResourceBuilder<ProjectResource> WithSignedInDashboardUrl(this IResourceBuilder<ProjectResource> project, AccessParameters access) =>
        project.WithUrls(async context =>
        {
            if (context.Urls.FirstOrDefault(u => u.Endpoint?.EndpointName == "http") is { } api
                && await access.ApiKey.Resource.GetValueAsync(context.CancellationToken) is { Length: > 0 } key)
            {
                context.Urls.Add(new ResourceUrlAnnotation
                {
                    Url = $"{api.Url.TrimEnd('/')}/#key={Uri.EscapeDataString(key)}",
                    DisplayText = "Dashboard (signed in)",
                    Endpoint = api.Endpoint,
                });
            }
        });

    private static IResourceBuilder<ProjectResource> WithKeyspace(this IResourceBuilder<ProjectResource> project, AppHostSettings settings) =>
        settings.KeyspacePrefix is { } prefix ? project.WithEnvironment("Keyspace__Prefix", prefix) : project;
}
