using MvmCi.Jobs.Contracts;

namespace MvmCi.ControlPlane.Apis;

/// <summary>The answer of <c>GET /api/jobs/{id}/logs</c>; pass <see cref="Next"/> as <c>after</c> for more.</summary>
public sealed record LogList(IReadOnlyList<LogEntry> Items, string? Next);
