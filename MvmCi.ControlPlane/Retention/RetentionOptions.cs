using System.ComponentModel.DataAnnotations;

namespace MvmCi.ControlPlane.Retention;

/// <summary>How long finished jobs are kept (configuration section <c>Retention</c>).</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>A finished job (its record, history, logs and journal) is removed this long after it became final. Default 7 days.</summary>
    [Range(1, 366 * 86_400)]
    public int FinishedJobSeconds { get; set; } = 7 * 86_400;

    /// <summary>At most this many finished jobs are kept; the oldest go first. 0: no limit but time.</summary>
    [Range(0, long.MaxValue)]
    public long MaxFinishedJobs { get; set; } = 100_000;

    /// <summary>How often the control plane removes what is due (and trims the queue streams).</summary>
    [Range(1, 3600)]
    public int SweepIntervalSeconds { get; set; } = 5;
}
