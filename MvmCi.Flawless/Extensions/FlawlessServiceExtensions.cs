using Microsoft.Extensions.Options;
using MvmCi.Execution;
using MvmCi.Execution.Registry;
using MvmCi.Jobs.Contracts;
using MvmCi.Jobs;

namespace MvmCi.Flawless.Extensions;

public static class FlawlessServiceExtensions
{
    public static IHostApplicationBuilder AddFlawlessServices(this IHostApplicationBuilder builder)
    {
        builder.AddRedisClient("redis");
        builder.Services.AddMvmCiStores();
        builder.Services.AddProblemDetails();
        builder.Services.AddRedisBackedExecutor();
        builder.Services.AddValidatedOptions<FlawlessOptions>(FlawlessOptions.SectionName);
        builder.Services.AddExecutorHeartbeat(services => new ExecutorIdentity(
            services.GetRequiredService<IOptions<FlawlessOptions>>().Value.ExecutorId, ExecutorRecord.ServiceKind));
        return builder;
    }
}
