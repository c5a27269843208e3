using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MvmCi.Jobs.Redis;
using MvmCi.Jobs.Security;
using MvmCi.Jobs.Telemetry;

namespace MvmCi.Jobs;

/// <summary>Registers the Redis job and module stores. The caller registers the <c>IConnectionMultiplexer</c>.</summary>
public static class JobsServiceCollectionExtensions
{
    public static IServiceCollection AddMvmCiStores(this IServiceCollection services)
    {
        services.AddValidatedOptions<KeyspaceOptions>(KeyspaceOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RedisKeys>();
        services.AddSingleton<JobStore>();
        services.AddSingleton<ModuleStore>();
        services.AddSingleton<BlobStore>();
        services.AddSingleton<JournalStore>();
        services.AddSingleton<JobQueue>();
        services.AddSingleton<WorkerRegistry>();
        services.AddSingleton<ExecutorRegistry>();
        services.AddSingleton<QueueInspector>();
        services.AddSingleton<JobFinishSignal>();
        services.AddSingleton<JobMetrics>();
        services.AddValidatedOptions<SecurityOptions>(SecurityOptions.SectionName);
        services.AddSingleton<SecretCipher>();
        services.AddSingleton<SecretStore>();
        services.AddSingleton<ApiKeyStore>();
        return services;
    }
}
