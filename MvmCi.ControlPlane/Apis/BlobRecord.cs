namespace MvmCi.ControlPlane.Apis;

/// <summary>A stored blob: name it in a job's <c>inputs</c> by its digest.</summary>
public sealed record BlobRecord(string Digest, long Size);
