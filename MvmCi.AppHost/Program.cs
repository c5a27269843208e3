using MvmCi.AppHost;
using MvmCi.AppHost.Publishing;
using MvmCi.AppHost.Redis;

var builder = DistributedApplication.CreateBuilder(args);
try
{
    var settings = AppHostSettings.From(builder.Configuration);
    var redis = builder.AddMvmCiRedis(settings);
    builder.AddMvmCiServices(redis, settings, AccessParameters.Add(builder));
    // With --publisher manifest: docker compose and Kubernetes output for the topology, beside the manifest.
    DeploymentPublisher.PublishIfRequested(builder,
        DeploymentPlan.From(builder.Configuration, settings.Topology, settings.Workers, settings.Executors));
}
catch (DistributedApplicationException ex)
{
    // A configuration the AppHost cannot run: one readable line, not a stack trace.
    Console.Error.WriteLine($"MvmCi.AppHost: {ex.Message}");
    return 1;
}

builder.Build().Run();
return 0;
