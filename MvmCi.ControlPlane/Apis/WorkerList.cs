using MvmCi.Jobs.Contracts;

namespace MvmCi.ControlPlane.Apis;

/// <summary>The answer of <c>GET /api/workers</c>.</summary>
public sealed record WorkerList(IReadOnlyList<WorkerRecord> Items);
