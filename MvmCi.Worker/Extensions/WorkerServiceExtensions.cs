using Microsoft.Extensions.Options;
using MvmCi.Execution;
using MvmCi.Execution.Registry;
using MvmCi.Jobs.Contracts;
using MvmCi.Jobs;
using MvmCi.Worker.Execution;
using MvmCi.Worker.Options;
using MvmCi.Worker.Queue;

namespace MvmCi.Worker.Extensions;

public static class WorkerServiceExtensions
{
    public static IHostApplicationBuilder AddWorkerServices(this IHostApplicationBuilder builder)
    {
        // Redis commands made while running a job are spans of the job's trace; idle polling has no
        // parent and is dropped (see UnparentedRedisCommandFilter in the service defaults).
        builder.AddRedisClient("redis");
        builder.Services.AddMvmCiStores();
        builder.Services.AddValidatedOptions<WorkerOptions>(WorkerOptions.SectionName);

        if (builder.Configuration[$"{WorkerOptions.SectionName}:Executor"] == WorkerOptions.EmbeddedExecutor)
        {
            // The embedded topology: the executor core in this process, over the same Redis stores.
            builder.Services.AddRedisBackedExecutor();
            builder.Services.AddExecutorHeartbeat(services =>
            {
                var workerId = services.GetRequiredService<IOptions<WorkerOptions>>().Value.Id;
                return new ExecutorIdentity(EmbeddedExecutor.IdOf(workerId), ExecutorRecord.EmbeddedKind, workerId);
            });
            builder.Services.AddSingleton<IJobExecutor, EmbeddedExecutor>();
        }
        else
        {
            builder.Services.AddSingleton<ExecutorEndpoints>();
#pragma warning disable EXTEXP0001 // Experimental, but the supported way to opt one client out of the defaults.
            builder.Services.AddHttpClient<IJobExecutor, ExecutorClient>(http =>
                    // The job's own timeout bounds the call (see ExecutorClient), not a client-wide one.
                    http.Timeout = Timeout.InfiniteTimeSpan)
                // Executing is not idempotent: no automatic retries or attempt timeouts on this client.
                .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        }

        builder.Services.AddSingleton<WorkerState>();
        builder.Services.AddSingleton<JobRunner>();
        builder.Services.AddHostedService<JobConsumer>();
        builder.Services.AddHostedService<WorkerHeartbeat>();
        // The host must wait out the drain grace (plus the hand-back) before it gives up on stopping.
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<WorkerOptions>>((host, worker) =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(worker.Value.DrainGraceSeconds + 20));
        return builder;
    }
}
