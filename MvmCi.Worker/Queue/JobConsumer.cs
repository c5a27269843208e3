using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using MvmCi.Jobs.Redis;
using MvmCi.Jobs.Telemetry;
using MvmCi.Worker.Options;
using StackExchange.Redis;

namespace MvmCi.Worker.Queue;

/// <summary>
/// Reads the worker's queues through the consumer group and hands entries to a fixed number of
/// execution slots over a bounded channel. The reader only asks Redis for as many entries as there
/// are free slots, so no entry waits in this process while another worker is idle.
/// </summary>
public sealed class JobConsumer(
    JobQueue queue,
    JobStore store,
    JobRunner runner,
    WorkerState state,
    RedisKeys keys,
    IConnectionMultiplexer redis,
    IOptions<WorkerOptions> options,
    JobMetrics metrics,
    ILogger<JobConsumer> logger) : BackgroundService
{
    private static readonly TimeSpan PromotionInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LevelScanInterval = TimeSpan.FromSeconds(5);

    private readonly QueueWakeSignal _wake = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<int, byte>> _levels = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _slotsDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        metrics.TrackRunningLeases(settings.Id, () => runner.RunningCount);
        var queues = settings.DistinctQueues;
        foreach (var name in queues)
        {
            await queue.EnsureGroupAsync(name, stoppingToken);
            var levels = _levels.GetOrAdd(name, _ => new ConcurrentDictionary<int, byte>());
            levels.TryAdd(0, 0);
            await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(keys.Wake(name)), (_, level) =>
            {
                // A new level must be read before the next read, or a high-priority job would wait behind low ones.
                if (int.TryParse(level.ToString(), out var priority))
                {
                    levels.TryAdd(priority, 0);
                }
                _wake.Raise();
            });
        }
        await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(keys.CancelChannel), (_, id) => runner.Cancel(id.ToString()));

        var free = new SemaphoreSlim(settings.Concurrency, settings.Concurrency);
        var entries = Channel.CreateBounded<QueueEntry>(new BoundedChannelOptions(settings.Concurrency)
        {
            SingleWriter = true,
        });
        var slots = Enumerable.Range(0, settings.Concurrency)
            .Select(_ => RunSlotAsync(entries.Reader, free, state.InterruptToken))
            .ToArray();

        logger.LogInformation("Worker {WorkerId} serving {Queues} with {Concurrency} slots",
            settings.Id, string.Join(", ", queues), settings.Concurrency);
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, state.DrainToken);
        var maintenance = MaintainAsync(stoppingToken);
        try
        {
            await ReadLoopAsync(entries.Writer, free, reading.Token);
        }
        catch (OperationCanceledException) when (reading.IsCancellationRequested)
        {
            logger.LogInformation("Worker {WorkerId} stopped claiming; {Running} jobs still running", settings.Id, runner.RunningCount);
        }
        finally
        {
            entries.Writer.TryComplete();
            await Task.WhenAll(slots);
            _slotsDone.TrySetResult();
            await maintenance;
        }
    }

    /// <summary>
    /// Queue chores any worker may do, on a timer of their own so they go on while every slot is busy:
    /// queue the retries whose backoff is over, and fail the pending jobs past their deadlines.
    /// </summary>
    private async Task MaintainAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PromotionInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await store.PromoteDueAsync(100, stoppingToken);
                    await store.ExpireOverdueAsync(100, stoppingToken);
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    logger.LogWarning(ex, "Queue maintenance failed; retrying");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Graceful drain on SIGTERM: stop claiming, let running jobs finish within the grace period, then
    /// interrupt the rest and hand them back to the queue, so other workers take them at once.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        state.BeginDrain();
        var grace = TimeSpan.FromSeconds(options.Value.DrainGraceSeconds);
        if (await Task.WhenAny(_slotsDone.Task, Task.Delay(grace, CancellationToken.None)) != _slotsDone.Task)
        {
            logger.LogWarning("Drain grace of {Grace} over with {Running} jobs running: handing them back", grace, runner.RunningCount);
            state.Interrupt();
            await Task.WhenAny(_slotsDone.Task, Task.Delay(TimeSpan.FromSeconds(10), CancellationToken.None));
        }
        await base.StopAsync(cancellationToken);
    }

    private async Task ReadLoopAsync(ChannelWriter<QueueEntry> writer, SemaphoreSlim free, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var queues = settings.DistinctQueues;
        // First what this consumer had been handed before a restart, then new entries; every half
        // lease TTL also the entries of consumers whose leases lapsed.
        var ownPending = true;
        var idle = TimeSpan.FromMilliseconds(10);
        var leaseTtl = TimeSpan.FromSeconds(settings.LeaseTtlSeconds);
        var reclaimCursors = new Dictionary<string, string>(StringComparer.Ordinal);
        var nextLevelScan = DateTime.UtcNow;
        var nextReclaim = DateTime.UtcNow;
        while (!stoppingToken.IsCancellationRequested)
        {
            await free.WaitAsync(stoppingToken);
            var taken = 1;
            while (taken < settings.Concurrency && free.Wait(0, stoppingToken))
            {
                taken++;
            }

            var delivered = 0;
            try
            {
                if (DateTime.UtcNow >= nextLevelScan)
                {
                    // Levels announced while this worker was not listening (before it started) come from Redis.
                    nextLevelScan = DateTime.UtcNow + LevelScanInterval;
                    foreach (var name in queues)
                    {
                        foreach (var level in await queue.PriorityLevelsAsync(name, stoppingToken))
                        {
                            _levels[name].TryAdd(level, 0);
                        }
                    }
                }
                // Each queue's levels, highest first: read in that order.
                var streams = queues
                    .SelectMany(name => _levels[name].Keys.OrderDescending().Select(level => RedisKeys.StreamName(name, level)))
                    .ToArray();

                if (!ownPending && DateTime.UtcNow >= nextReclaim)
                {
                    nextReclaim = DateTime.UtcNow + leaseTtl / 2;
                    foreach (var name in streams)
                    {
                        if (delivered == taken)
                        {
                            break;
                        }
                        var (reclaimed, next) = await queue.ReclaimAsync(
                            name, settings.Id, leaseTtl, reclaimCursors.GetValueOrDefault(name, "0-0"), taken - delivered, stoppingToken);
                        reclaimCursors[name] = next;
                        foreach (var entry in reclaimed)
                        {
                            logger.LogWarning("Reclaimed job {JobId} (entry {EntryId}): its lease lapsed", entry.JobId, entry.EntryId);
                            await writer.WriteAsync(entry, stoppingToken);
                        }
                        delivered += reclaimed.Count;
                        if (reclaimed.Count > 0)
                        {
                            // More may be waiting: look again as soon as a slot is free.
                            nextReclaim = DateTime.UtcNow;
                        }
                    }
                }

                foreach (var name in streams)
                {
                    if (delivered == taken)
                    {
                        break;
                    }
                    var batch = await queue.ReadAsync(name, settings.Id, taken - delivered, ownPending, stoppingToken);
                    foreach (var entry in batch)
                    {
                        await writer.WriteAsync(entry, stoppingToken);
                    }
                    delivered += batch.Count;
                }
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                logger.LogWarning(ex, "Reading the queue failed; retrying");
            }
            finally
            {
                if (taken > delivered)
                {
                    free.Release(taken - delivered);
                }
            }

            if (ownPending)
            {
                // One pass over what was in hand is enough; what is left there is for reclaim.
                ownPending = false;
                continue;
            }

            if (delivered > 0)
            {
                idle = TimeSpan.FromMilliseconds(10);
                continue;
            }

            await _wake.WaitAsync(idle, stoppingToken);
            idle = TimeSpan.FromMilliseconds(Math.Min(settings.MaxPollIntervalMilliseconds, idle.TotalMilliseconds * 2));
        }
    }

    private async Task RunSlotAsync(ChannelReader<QueueEntry> reader, SemaphoreSlim free, CancellationToken interrupt)
    {
        await foreach (var entry in reader.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                await runner.RunAsync(entry, interrupt);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Job {JobId} (entry {EntryId}) could not be processed; it stays pending", entry.JobId, entry.EntryId);
            }
            finally
            {
                free.Release();
            }
        }
    }
}
