using MvmCi.Jobs.Contracts;

namespace MvmCi.ControlPlane.Apis;

/// <summary>The answer of <c>GET /api/executors</c>.</summary>
public sealed record ExecutorList(IReadOnlyList<ExecutorRecord> Items);
