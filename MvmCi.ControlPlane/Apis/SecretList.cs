using MvmCi.Jobs.Security;

namespace MvmCi.ControlPlane.Apis;

/// <summary>The answer of <c>GET /api/secrets</c>: names and times, never values.</summary>
public sealed record SecretList(IReadOnlyList<SecretRecord> Secrets);
