namespace MvmCi.ControlPlane.Apis;

/// <summary>The body of <c>POST /api/session</c>: the key the dashboard signs in with.</summary>
public sealed record SessionRequest(string? Key);
