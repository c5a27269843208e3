namespace MvmCi.ControlPlane.Apis;

/// <summary>The answer of <c>GET /api/jobs/{id}/artifacts</c>.</summary>
public sealed record ArtifactList(string JobId, string Status, IReadOnlyList<ArtifactItem> Items);
