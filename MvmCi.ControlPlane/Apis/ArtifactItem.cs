namespace MvmCi.ControlPlane.Apis;

/// <summary>An artifact as listed: where it came from, its blob, and where to download it (null when skipped).</summary>
public sealed record ArtifactItem(string Path, string? Digest, long Size, string? Skipped, string? Url);
