using System.ComponentModel.DataAnnotations;

namespace MvmCi.ControlPlane.Options;

/// <summary>Limits of the HTTP API (configuration section <c>ControlPlane</c>).</summary>
public sealed class ControlPlaneOptions
{
    public const string SectionName = "ControlPlane";

    /// <summary>Largest module upload, in bytes; larger bodies get 413.</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxModuleBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The timeout of a job that names none.</summary>
    [Range(1, 86_400)]
    public int DefaultTimeoutSeconds { get; set; } = 60;

    /// <summary>The largest <c>timeoutSeconds</c> a job may ask for.</summary>
    [Range(1, 86_400)]
    public int MaxTimeoutSeconds { get; set; } = 3600;

    /// <summary>The <c>maxAttempts</c> of a job that names none.</summary>
    [Range(1, 100)]
    public int DefaultMaxAttempts { get; set; } = 3;

    /// <summary>Largest job submission body (args, env and stdin included), in bytes.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxJobBodyBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Largest blob upload (job input), in bytes; larger bodies get 413.</summary>
    [Range(1, 512L * 1024 * 1024)]
    public long MaxBlobBytes { get; set; } = 64L * 1024 * 1024;
}
