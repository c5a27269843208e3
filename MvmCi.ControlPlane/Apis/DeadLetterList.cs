using MvmCi.Jobs.Redis;

namespace MvmCi.ControlPlane.Apis;

/// <summary>The answer of <c>GET /api/deadletter</c>.</summary>
public sealed record DeadLetterList(IReadOnlyList<DeadLetter> Items);
