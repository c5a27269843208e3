using MvmCi.Jobs.Contracts;

namespace MvmCi.ControlPlane.Apis;

/// <summary>The answer of <c>GET /api/jobs</c>: newest first; pass <see cref="Next"/> as <c>cursor</c> for the next page.</summary>
public sealed record JobList(IReadOnlyList<JobRecord> Items, string? Next);
