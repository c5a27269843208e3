using System.Diagnostics;
using System.Globalization;
using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.Redis;
using StackExchange.Redis;

namespace MvmCi.ControlPlane.Monitoring;

/// <summary>Reads the <see cref="Overview"/>; when Redis does not answer, says so instead of failing.</summary>
public sealed class OverviewReader(
    IConnectionMultiplexer redis, JobStore jobs, WorkerRegistry workers, ExecutorRegistry executors, QueueInspector queues,
    TimeProvider time)
{
    public const int Minutes = 15;
    public const int RateWindowMinutes = 5;

    public async Task<Overview> ReadAsync(CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var health = await PingAsync().ConfigureAwait(false);
        if (health.Status == RedisHealth.Down)
        {
            return new Overview(at, health, new WorkerSummary(0, 0, 0, []), new ExecutorSummary(0, 0, []),
                new QueueStats(0, 0, 0, 0, 0, 0, 0), [], new ThroughputSummary([], 0, null));
        }

        var stats = jobs.StatsAsync(cancellationToken);
        var workerList = workers.ListAsync(cancellationToken);
        var executorList = executors.ListAsync(cancellationToken);
        var queueList = queues.InspectAsync(cancellationToken);
        var minutes = jobs.GetMinutesAsync(Minutes, cancellationToken);
        await Task.WhenAll(stats, workerList, executorList, queueList, minutes).ConfigureAwait(false);

        var w = await workerList.ConfigureAwait(false);
        var e = await executorList.ConfigureAwait(false);
        return new Overview(at, health,
            new WorkerSummary(w.Count(x => x.State == WorkerRegistry.Online), w.Count(x => x.State == WorkerRegistry.Draining),
                w.Count(x => x.State == WorkerRegistry.Offline), w),
            new ExecutorSummary(e.Count(x => x.State != WorkerRegistry.Offline), e.Count(x => x.State == WorkerRegistry.Offline), e),
            await stats.ConfigureAwait(false), await queueList.ConfigureAwait(false),
            Summarize(await minutes.ConfigureAwait(false), at));
    }

    internal static ThroughputSummary Summarize(IReadOnlyList<MinuteCounts> minutes, DateTimeOffset now)
    {
        var window = minutes.TakeLast(RateWindowMinutes).ToArray();
        if (window.Length == 0)
        {
            return new ThroughputSummary(minutes, 0, null);
        }
        // Whole minutes before the current one, plus the part of the current minute that has passed.
        var seconds = (window.Length - 1) * 60 + Math.Max(1, (now - window[^1].Minute).TotalSeconds);
        var finished = window.Sum(m => m.Completed + m.Failed + m.Cancelled);
        var decided = window.Sum(m => m.Completed + m.Failed);
        return new ThroughputSummary(minutes, Math.Round(finished / seconds, 3),
            decided == 0 ? null : Math.Round((double)window.Sum(m => m.Failed) / decided, 4));
    }

    private async Task<RedisHealth> PingAsync()
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            await redis.GetDatabase().PingAsync().ConfigureAwait(false);
            var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var server = redis.GetServers().FirstOrDefault(s => s.IsConnected);
            // INFO from a script: the client library counts INFO as an admin command, and admin mode stays off.
            var info = (await redis.GetDatabase().ScriptEvaluateAsync("return redis.call('INFO', 'memory')").ConfigureAwait(false)).ToString();
            var used = info.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("used_memory:", StringComparison.Ordinal));
            long? memory = used is not null && long.TryParse(used["used_memory:".Length..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes)
                ? bytes : null;
            return new RedisHealth(RedisHealth.Up, Math.Round(latency, 2), server?.Version.ToString(), memory, null);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return new RedisHealth(RedisHealth.Down, null, null, null, ex.Message);
        }
    }
}
