using System.ComponentModel.DataAnnotations;

namespace MvmCi.Jobs.Redis;

/// <summary>Where MvmCi keeps its data in Redis. Every service of one deployment must use the same prefix.</summary>
public sealed class KeyspaceOptions
{
    public const string SectionName = "Keyspace";

    /// <summary>Prefix of every key MvmCi writes. Tests give each run its own prefix.</summary>
    [Required, RegularExpression("^[A-Za-z0-9_.-]{1,64}$")]
    public string Prefix { get; set; } = "mvmci";

    /// <summary>The consumer group all workers read the job streams through.</summary>
    [Required, RegularExpression("^[A-Za-z0-9_.-]{1,64}$")]
    public string ConsumerGroup { get; set; } = "workers";
}
