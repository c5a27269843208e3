using MvmCi.Execution;
using MvmCi.Execution.Durable;
using MvmCi.Execution.Files;
using MvmCi.Execution.Modules;
using MvmCi.Flawless.Storage;
using MvmCi.Jobs;

namespace MvmCi.Flawless.Extensions;

public static class FlawlessServiceExtensions
{
    public static IHostApplicationBuilder AddFlawlessServices(this IHostApplicationBuilder builder)
    {
        builder.AddRedisClient("redis");
        builder.Services.AddMvmCiStores();
        builder.Services.AddWasiExecutor();
        builder.Services.AddSingleton<IModuleSource, RegistryModuleSource>();
        builder.Services.AddSingleton<IBlobStore, RedisBlobStore>();
        builder.Services.AddSingleton<IJournalStore, RedisJournalStore>();
        builder.Services.AddValidatedOptions<FlawlessOptions>(FlawlessOptions.SectionName);
        return builder;
    }
}
