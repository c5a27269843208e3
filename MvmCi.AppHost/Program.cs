using MvmCi.AppHost;
using MvmCi.AppHost.Redis;

var builder = DistributedApplication.CreateBuilder(args);
AppHostSettings settings;
IResourceBuilder<IResourceWithConnectionString> redis;
try
{
    settings = AppHostSettings.From(builder.Configuration);
    redis = builder.AddMvmCiRedis(settings);
}
catch (DistributedApplicationException ex)
{
    // A configuration the AppHost cannot run: one readable line, not a stack trace.
    Console.Error.WriteLine($"MvmCi.AppHost: {ex.Message}");
    return 1;
}

builder.AddMvmCiServices(redis, settings);
builder.Build().Run();
return 0;
