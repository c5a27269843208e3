using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.Redis;
using MvmCi.Jobs.Telemetry;
using StackExchange.Redis;

namespace MvmCi.ControlPlane.Monitoring;

/// <summary>
/// Samples the queues every <see cref="Interval"/> for the <c>mvmci.queue.*</c> gauges, so a metrics
/// collection reads the latest sample and never waits on Redis.
/// </summary>
public sealed partial class QueueSampler(QueueInspector inspector, JobMetrics metrics, ILogger<QueueSampler> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private volatile IReadOnlyList<QueueInfo> _latest = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        metrics.TrackQueues(() => _latest);
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                _latest = await inspector.InspectAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogSampleFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sampling the queues failed")]
    private partial void LogSampleFailed(Exception exception);
}
