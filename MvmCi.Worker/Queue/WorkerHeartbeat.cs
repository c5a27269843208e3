using Microsoft.Extensions.Options;
using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.Redis;
using MvmCi.Worker.Options;
using StackExchange.Redis;

namespace MvmCi.Worker.Queue;

/// <summary>Registers the worker, reports its figures every <see cref="WorkerRegistry.HeartbeatInterval"/>, and starts a drain when asked remotely.</summary>
public sealed class WorkerHeartbeat(
    WorkerRegistry registry,
    WorkerState state,
    JobRunner runner,
    RedisKeys keys,
    IConnectionMultiplexer redis,
    IOptions<WorkerOptions> options,
    ILogger<WorkerHeartbeat> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var id = options.Value.Id;
        await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(keys.DrainChannel), (_, target) =>
        {
            if (target == id)
            {
                StartRemoteDrain();
            }
        });

        using var timer = new PeriodicTimer(WorkerRegistry.HeartbeatInterval);
        do
        {
            try
            {
                if (await registry.HeartbeatAsync(Snapshot(state.IsDraining ? WorkerRegistry.Draining : WorkerRegistry.Online), stoppingToken))
                {
                    StartRemoteDrain();
                }
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                logger.LogWarning(ex, "Heartbeat failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await registry.HeartbeatAsync(Snapshot(WorkerRegistry.Offline), cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Could not record the worker as offline");
        }
    }

    private void StartRemoteDrain()
    {
        if (!state.IsDraining)
        {
            logger.LogInformation("Drain requested: worker {WorkerId} stops claiming and finishes its {Running} running jobs",
                options.Value.Id, runner.RunningCount);
            state.BeginDrain();
        }
    }

    private WorkerRecord Snapshot(string status) => new()
    {
        Id = options.Value.Id,
        Queues = options.Value.DistinctQueues,
        Slots = options.Value.Concurrency,
        Running = runner.RunningCount,
        Completed = state.Completed,
        Failed = state.Failed,
        State = status,
        StartedAt = state.StartedAt,
        Host = Environment.MachineName,
        ProcessId = Environment.ProcessId,
    };
}
