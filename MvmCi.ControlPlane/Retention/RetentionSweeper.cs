using Microsoft.Extensions.Options;
using MvmCi.Jobs.Redis;
using StackExchange.Redis;

namespace MvmCi.ControlPlane.Retention;

/// <summary>
/// Keeps Redis from growing without bound: every <see cref="RetentionOptions.SweepIntervalSeconds"/> it removes the
/// finished jobs past their retention (or beyond the most to keep) and trims the queue streams of the entries every
/// group is done with. Each removal is one atomic script, so control-plane replicas may all sweep.
/// </summary>
public sealed partial class RetentionSweeper(
    JobStore jobs, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionSweeper> logger) : BackgroundService
{
    /// <summary>Jobs removed per script call: a call stays short, so Redis serves other clients in between.</summary>
    public const int Batch = 500;

    /// <summary>Calls per sweep at most; what is left waits for the next sweep.</summary>
    public const int MaxBatchesPerSweep = 40;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SweepIntervalSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await SweepAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    LogSweepFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One sweep: returns the jobs removed and the stream entries trimmed.</summary>
    public async Task<(int Jobs, long Entries)> SweepAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var cutoff = time.GetUtcNow() - TimeSpan.FromSeconds(settings.FinishedJobSeconds);
        long? keep = settings.MaxFinishedJobs > 0 ? settings.MaxFinishedJobs : null;
        var removed = 0;
        for (var i = 0; i < MaxBatchesPerSweep; i++)
        {
            var batch = await jobs.PruneFinishedAsync(cutoff, keep, Batch, cancellationToken);
            removed += batch;
            if (batch < Batch)
            {
                break;
            }
        }
        var trimmed = await jobs.TrimQueuesAsync(cancellationToken);
        if (removed > 0 || trimmed > 0)
        {
            LogSwept(removed, trimmed);
        }
        return (removed, trimmed);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Retention removed {Jobs} finished jobs and {Entries} queue entries")]
    private partial void LogSwept(int jobs, long entries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The retention sweep failed; trying again at the next one")]
    private partial void LogSweepFailed(Exception exception);
}
