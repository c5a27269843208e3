using System.Globalization;
using MvmCi.Bench.Reporting;
using StackExchange.Redis;

namespace MvmCi.Bench.Processes;

/// <summary>Reads Redis's own memory figures (INFO memory, DBSIZE) over an admin connection of the harness's own.</summary>
public static class RedisMemoryProbe
{
    public static async Task<RedisMemory?> ReadAsync(string? connection, long? jobs)
    {
        if (connection is null)
        {
            return null;
        }
        var options = ConfigurationOptions.Parse(connection);
        options.AllowAdmin = true;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        var server = redis.GetServers()[0];
        var info = (await server.InfoAsync("memory")).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        static double MiB(string? bytes) => bytes is null ? 0 : Math.Round(long.Parse(bytes, CultureInfo.InvariantCulture) / 1024.0 / 1024.0, 1);
        return new RedisMemory(MiB(info.GetValueOrDefault("used_memory")), MiB(info.GetValueOrDefault("used_memory_rss")),
            await server.DatabaseSizeAsync(), jobs);
    }
}
