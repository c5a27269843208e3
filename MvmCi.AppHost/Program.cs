using MvmCi.AppHost;
using MvmCi.AppHost.Redis;

var builder = DistributedApplication.CreateBuilder(args);
var settings = AppHostSettings.From(builder.Configuration);

var redis = builder.AddMvmCiRedis(settings);
builder.AddMvmCiServices(redis, settings);

builder.Build().Run();
