using MvmCi.ControlPlane.Apis;
using MvmCi.ControlPlane.Modules;
using MvmCi.ControlPlane.Monitoring;
using MvmCi.ControlPlane.OpenApi;
using MvmCi.ControlPlane.Options;
using MvmCi.ControlPlane.Retention;
using MvmCi.ControlPlane.Security;
using MvmCi.Execution;
using MvmCi.Jobs;

namespace MvmCi.ControlPlane.Extensions;

public static class ControlPlaneServiceExtensions
{
    public static IHostApplicationBuilder AddControlPlaneServices(this IHostApplicationBuilder builder)
    {
        builder.AddRedisClient("redis");
        builder.Services.AddMvmCiStores();
        // The control plane compiles uploads to validate them; it never runs guests.
        builder.Services.AddWasmRuntime();
        builder.Services.AddValidatedOptions<ControlPlaneOptions>(ControlPlaneOptions.SectionName);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        builder.Services.AddOpenApi(options => options.AddSchemaTransformer<SchemaExamples>());
        builder.Services.AddSingleton<OverviewReader>();
        builder.Services.AddSingleton<ModuleResolver>();
        builder.Services.AddHostedService<QueueSampler>();
        builder.Services.AddValidatedOptions<RetentionOptions>(RetentionOptions.SectionName);
        builder.Services.AddHostedService<RetentionSweeper>();
        builder.Services.AddMvmCiAccess();
        return builder;
    }
}
