using MvmCi.Execution.Modules;
using MvmCi.Execution;
using MvmCi.Flawless.Modules;
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
        builder.Services.AddValidatedOptions<FlawlessOptions>(FlawlessOptions.SectionName);
        return builder;
    }
}
