using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.Redis;
using StackExchange.Redis;

namespace MvmCi.Execution.Registry;

/// <summary>
/// Reports this executor's figures to the registry every <see cref="WorkerRegistry.HeartbeatInterval"/>, and
/// records it offline when it stops, so the dashboard and <c>GET /api/executors</c> show which executors are up.
/// </summary>
public sealed partial class ExecutorHeartbeat(
    ExecutorRegistry registry, WasiExecutor executor, ExecutorIdentity identity, TimeProvider time, ILogger<ExecutorHeartbeat> logger)
    : BackgroundService
{
    private readonly DateTimeOffset _startedAt = time.GetUtcNow();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(WorkerRegistry.HeartbeatInterval, time);
        do
        {
            try
            {
                await registry.HeartbeatAsync(Snapshot(WorkerRegistry.Online), stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogHeartbeatFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await registry.HeartbeatAsync(Snapshot(WorkerRegistry.Offline), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogHeartbeatFailed(ex);
        }
    }

    private ExecutorRecord Snapshot(string state)
    {
        var (completed, failed) = executor.Outcomes;
        return new ExecutorRecord
        {
            Id = identity.Id,
            Kind = identity.Kind,
            WorkerId = identity.WorkerId,
            Slots = executor.Slots,
            Running = executor.Running,
            Completed = completed,
            Failed = failed,
            ModulesCached = executor.ModulesCached,
            State = state,
            StartedAt = _startedAt,
            Host = Environment.MachineName,
            ProcessId = Environment.ProcessId,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Executor heartbeat failed")]
    private partial void LogHeartbeatFailed(Exception exception);
}
