using MvmCi.Execution;
using MvmCi.Jobs;

namespace MvmCi.Flawless.Extensions;

public static class FlawlessServiceExtensions
{
    public static IHostApplicationBuilder AddFlawlessServices(this IHostApplicationBuilder builder)
    {
        builder.AddRedisClient("redis");
        builder.Services.AddMvmCiStores();
        builder.Services.AddRedisBackedExecutor();
        builder.Services.AddValidatedOptions<FlawlessOptions>(FlawlessOptions.SectionName);
        return builder;
    }
}
