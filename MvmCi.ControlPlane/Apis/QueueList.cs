using MvmCi.Jobs.Contracts;

namespace MvmCi.ControlPlane.Apis;

/// <summary>The answer of <c>GET /api/queues</c>: one item per queue stream (queue and priority level).</summary>
public sealed record QueueList(IReadOnlyList<QueueInfo> Items);
