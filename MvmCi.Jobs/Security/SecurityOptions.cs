using System.ComponentModel.DataAnnotations;

namespace MvmCi.Jobs.Security;

/// <summary>
/// The deployment's shared service secret (configuration section <c>Security</c>): workers present it to executors,
/// and secrets stored for jobs are encrypted with a key derived from it. Every service of one deployment has the same
/// one; the AppHost generates it (the <c>service-key</c> parameter).
/// </summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    [Required(ErrorMessage = "Security:ServiceKey is required: the secret the services of one deployment share (at least 24 characters). The AppHost sets it from its 'service-key' parameter; elsewhere set Security__ServiceKey.")]
    [MinLength(24, ErrorMessage = "Security:ServiceKey must be at least 24 characters.")]
    public string ServiceKey { get; set; } = "";
}
