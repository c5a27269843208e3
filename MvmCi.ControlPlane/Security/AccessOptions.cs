using System.ComponentModel.DataAnnotations;

namespace MvmCi.ControlPlane.Security;

/// <summary>Who may call the API, and how fast (configuration section <c>Access</c>).</summary>
public sealed class AccessOptions
{
    public const string SectionName = "Access";

    /// <summary>
    /// The deployment's bootstrap admin key: accepted as an admin key without being stored, so the first keys can be
    /// created. The AppHost sets it from its <c>api-key</c> parameter. Without it, only stored keys are accepted.
    /// </summary>
    [MinLength(24, ErrorMessage = "Access:AdminKey must be at least 24 characters.")]
    public string? AdminKey { get; set; }

    /// <summary>Submits (and retries) per minute for a key that names no rate of its own.</summary>
    [Range(1, 10_000_000)]
    public int DefaultSubmitsPerMinute { get; set; } = 120_000;

    /// <summary>Module and blob uploads per minute for a key that names no rate of its own.</summary>
    [Range(1, 1_000_000)]
    public int UploadsPerMinute { get; set; } = 600;

    /// <summary>How long a checked key is remembered. A revoked key is forgotten at once (pub/sub); this bounds it if that message is lost.</summary>
    [Range(0, 3600)]
    public int KeyCacheSeconds { get; set; } = 10;
}
