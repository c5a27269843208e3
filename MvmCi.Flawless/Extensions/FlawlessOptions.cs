using System.ComponentModel.DataAnnotations;

namespace MvmCi.Flawless.Extensions;

/// <summary>The executor's identity (configuration section <c>Flawless</c>).</summary>
public sealed class FlawlessOptions
{
    public const string SectionName = "Flawless";

    /// <summary>Shown on every job this executor ran. Defaults to host name and process id.</summary>
    [Required, MaxLength(128)]
    public string ExecutorId { get; set; } = $"flawless-{Environment.MachineName}-{Environment.ProcessId}";
}
