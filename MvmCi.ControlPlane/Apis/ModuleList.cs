using MvmCi.Jobs.Contracts;

namespace MvmCi.ControlPlane.Apis;

/// <summary>The answer of <c>GET /api/modules</c>.</summary>
public sealed record ModuleList(IReadOnlyList<ModuleRecord> Items);
