namespace MvmCi.Jobs.Contracts;

/// <summary>An uploaded blob mounted read-only at <c>/inputs/{Path}</c> in the guest.</summary>
/// <param name="Path">Relative path under <c>/inputs</c>, with <c>/</c> separators.</param>
/// <param name="Blob">The blob's digest (<c>sha256:…</c>).</param>
public sealed record InputFile(string Path, string Blob);
