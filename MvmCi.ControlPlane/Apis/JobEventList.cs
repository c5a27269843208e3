using MvmCi.Jobs.Contracts;

namespace MvmCi.ControlPlane.Apis;

/// <summary>The answer of <c>GET /api/jobs/{id}/events</c>, oldest first.</summary>
public sealed record JobEventList(IReadOnlyList<JobEvent> Items);
