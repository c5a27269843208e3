using MvmCi.Jobs.Security;

namespace MvmCi.ControlPlane.Apis;

/// <summary>The answer of <c>GET /api/keys</c>: every stored key, without its value.</summary>
public sealed record KeyList(IReadOnlyList<ApiKeyRecord> Keys);
