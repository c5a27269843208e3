using Microsoft.Extensions.DependencyInjection;
using MvmCi.Execution.Durable;
using MvmCi.Execution.Files;
using MvmCi.Execution.Host;
using MvmCi.Execution.Modules;
using MvmCi.Execution.Registry;
using MvmCi.Execution.Runtime;
using MvmCi.Execution.Storage;
using MvmCi.Execution.Wasi;
using MvmCi.Jobs;

namespace MvmCi.Execution;

public static class ExecutionServiceCollectionExtensions
{
    /// <summary>The engine and module inspection: enough to validate uploads.</summary>
    public static IServiceCollection AddWasmRuntime(this IServiceCollection services)
    {
        services.AddValidatedOptions<ExecutionOptions>(ExecutionOptions.SectionName);
        services.AddSingleton<WasmRuntime>();
        services.AddSingleton<ExecutionMetrics>();
        services.AddSingleton<GuestHttp>();
        services.AddSingleton<HostLinkers>();
        services.AddSingleton<ModuleInspector>();
        return services;
    }

    /// <summary>
    /// Everything needed to run guests; the caller registers an <see cref="IModuleSource"/>, an
    /// <see cref="IBlobStore"/> and an <see cref="IJournalStore"/>.
    /// </summary>
    public static IServiceCollection AddWasiExecutor(this IServiceCollection services)
    {
        services.AddWasmRuntime();
        services.AddSingleton<CompiledModuleCache>();
        services.AddSingleton<ScratchPool>();
        services.AddSingleton<WasiSandbox>();
        services.AddSingleton<WasiExecutor>();
        return services;
    }

    /// <summary>
    /// The executor over the Redis stores (the caller registers them with <c>AddMvmCiStores</c>): modules
    /// from the registry, blobs for inputs and artifacts, and durable journals. Used by the Flawless
    /// service and by a worker that runs guests in its own process (the embedded topology).
    /// </summary>
    public static IServiceCollection AddRedisBackedExecutor(this IServiceCollection services)
    {
        services.AddWasiExecutor();
        services.AddSingleton<IModuleSource, RegistryModuleSource>();
        services.AddSingleton<IBlobStore, RedisBlobStore>();
        services.AddSingleton<IJournalStore, RedisJournalStore>();
        return services;
    }

    /// <summary>Reports this executor to the registry (<c>GET /api/executors</c>) under <paramref name="identity"/>.</summary>
    public static IServiceCollection AddExecutorHeartbeat(this IServiceCollection services, Func<IServiceProvider, ExecutorIdentity> identity)
    {
        services.AddSingleton(identity);
        services.AddHostedService<ExecutorHeartbeat>();
        return services;
    }
}
