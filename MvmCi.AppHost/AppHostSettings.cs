using Microsoft.Extensions.Configuration;
using MvmCi.AppHost.Redis;

namespace MvmCi.AppHost;

/// <summary>
/// The AppHost's knobs, read from configuration while the model is built (so <c>--workers 3</c>,
/// <c>Parameters__workers=3</c> and appsettings all work).
/// </summary>
public sealed record AppHostSettings(
    int Workers, RedisMode RedisMode, string? KeyspacePrefix, string? RedisDataDirectory, string? RedisServerPath,
    int? LeaseTtlSeconds, int? DrainGraceSeconds, Topology Topology = Topology.Shared, int Executors = 2, int? Slots = null,
    int? RetentionSeconds = null)
{
    public const int MaxWorkers = 64;
    public const int MaxExecutors = 32;
    public const int MaxSlots = 1024;
    public const int MaxRetentionSeconds = 366 * 86_400;

    public static AppHostSettings From(IConfiguration configuration)
    {
        var workers = WholeNumber(configuration, "workers", null, MaxWorkers) ?? 2;

        var modeText = configuration["RedisMode"] ?? configuration["Parameters:RedisMode"] ?? "auto";
        if (!Enum.TryParse<RedisMode>(modeText, ignoreCase: true, out var mode) || !Enum.IsDefined(mode))
        {
            throw new DistributedApplicationException(
                $"'RedisMode' must be one of auto, container, local; got '{modeText}'.");
        }

        var topologyText = configuration["topology"] ?? configuration["Parameters:topology"] ?? Topology.Shared.Name();
        if (!TopologyNames.TryParse(topologyText, out var topology))
        {
            throw new DistributedApplicationException(
                $"'topology' must be one of {TopologyNames.All}; got '{topologyText}'.");
        }

        var executors = WholeNumber(configuration, "executors", null, MaxExecutors) ?? 2;

        var slots = WholeNumber(configuration, "slots", "jobs each worker runs at once", MaxSlots);
        var retention = WholeNumber(configuration, "retention", "seconds a finished job is kept", MaxRetentionSeconds);

        return new AppHostSettings(
            workers, mode, configuration["KeyspacePrefix"], configuration["RedisDataDirectory"], configuration["RedisServerPath"],
            int.TryParse(configuration["LeaseTtlSeconds"], out var ttl) && ttl > 0 ? ttl : null,
            int.TryParse(configuration["DrainGraceSeconds"], out var grace) && grace >= 0 ? grace : null,
            topology, executors, slots, retention);
    }

    /// <summary>A setting that may be absent (null); when present, a whole number from 1 to <paramref name="max"/>.</summary>
    private static int? WholeNumber(IConfiguration configuration, string key, string? meaning, int max)
    {
        var text = configuration[key] ?? configuration[$"Parameters:{key}"];
        if (text is null)
        {
            return null;
        }
        return int.TryParse(text, out var value) && value >= 1 && value <= max
            ? value
            : throw new DistributedApplicationException(
                $"'{key}'{(meaning is null ? "" : $" ({meaning})")} must be a whole number from 1 to {max}; got '{text}'.");
    }
}
