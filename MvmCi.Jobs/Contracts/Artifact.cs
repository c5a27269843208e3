namespace MvmCi.Jobs.Contracts;

/// <summary>A file collected from the job's scratch directory when its run ended.</summary>
/// <param name="Path">Relative path under <c>/work</c>.</param>
/// <param name="Digest">The stored blob (<c>sha256:…</c>); null when the file was not stored (see <paramref name="Skipped"/>).</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="Skipped">Why the file was not stored (missing, over the size limit), or null.</param>
public sealed record Artifact(string Path, string? Digest, long Size, string? Skipped = null);
