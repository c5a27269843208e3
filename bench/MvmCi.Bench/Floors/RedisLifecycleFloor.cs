using System.Collections.Concurrent;
using System.Diagnostics;
using MvmCi.Bench.Load;
using StackExchange.Redis;

namespace MvmCi.Bench.Floors;

/// <summary>
/// The least Redis work a job needs, with the client library the services use (StackExchange.Redis, one multiplexer):
/// XADD the job to a stream, XREADGROUP it through a consumer group, HSET its outcome, XACK the entry. Runs on the
/// system's own redis-server, under a key prefix of its own that it deletes afterwards.
/// </summary>
public static class RedisLifecycleFloor
{
    private const string Group = "floor";

    public static async Task<RedisFloor> MeasureAsync(string connection, int iterations, IReadOnlyList<int> concurrencies, CancellationToken cancellationToken)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(connection);
        var db = redis.GetDatabase();
        var prefix = "benchfloor:" + Guid.NewGuid().ToString("N")[..10] + ":";
        var stream = (RedisKey)(prefix + "stream");
        await db.StreamCreateConsumerGroupAsync(stream, Group, StreamPosition.NewMessages, createStream: true);
        var outcomes = new ConcurrentBag<RedisKey>();
        try
        {
            // Warm the connection and Redis's own paths.
            for (var i = 0; i < Math.Min(200, iterations); i++)
            {
                outcomes.Add(await LifecycleAsync(db, stream, prefix, "c0"));
            }

            var serial = new double[iterations];
            var wall = Stopwatch.StartNew();
            for (var i = 0; i < iterations; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var started = Stopwatch.GetTimestamp();
                outcomes.Add(await LifecycleAsync(db, stream, prefix, "c0"));
                serial[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            }
            wall.Stop();
            Array.Sort(serial);

            var perSecond = new Dictionary<int, double>();
            foreach (var concurrency in concurrencies.Distinct())
            {
                perSecond[concurrency] = await PipelinedAsync(db, stream, prefix, Math.Max(iterations, 10 * concurrency), concurrency, outcomes, cancellationToken);
            }
            return new RedisFloor(iterations, LatencySummary.Percentile(serial, 50), LatencySummary.Percentile(serial, 99),
                iterations / wall.Elapsed.TotalSeconds, perSecond);
        }
        finally
        {
            await db.KeyDeleteAsync(stream);
            foreach (var chunk in outcomes.Chunk(1000))
            {
                await db.KeyDeleteAsync(chunk);
            }
        }
    }

    /// <summary><paramref name="count"/> lifecycles by <paramref name="concurrency"/> loops on the one multiplexer; lifecycles per second.</summary>
    private static async Task<double> PipelinedAsync(IDatabase db, RedisKey stream, string prefix, int count, int concurrency,
        ConcurrentBag<RedisKey> outcomes, CancellationToken cancellationToken)
    {
        var remaining = count;
        async Task LoopAsync(int consumer)
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                outcomes.Add(await LifecycleAsync(db, stream, prefix, "c" + consumer));
            }
        }

        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(1, concurrency).Select(c => Task.Run(() => LoopAsync(c), cancellationToken)));
        return count / wall.Elapsed.TotalSeconds;
    }

    /// <summary>One job: enqueue, read it through the group, store its outcome, acknowledge. Returns the outcome's key.</summary>
    private static async Task<RedisKey> LifecycleAsync(IDatabase db, RedisKey stream, string prefix, string consumer)
    {
        var jobId = Guid.CreateVersion7().ToString("N");
        await db.StreamAddAsync(stream, "job", jobId);
        StreamEntry[] read;
        // Another loop may have taken the entry this one added; each loop added one first, so one is there to read.
        while ((read = await db.StreamReadGroupAsync(stream, Group, consumer, ">", count: 1)).Length == 0)
        {
            await Task.Yield();
        }
        var entry = read[0];
        var key = (RedisKey)(prefix + "job:" + entry["job"]);
        await db.HashSetAsync(key, [new HashEntry("status", "completed"), new HashEntry("exitCode", 0)]);
        await db.StreamAcknowledgeAsync(stream, Group, entry.Id);
        return key;
    }
}
