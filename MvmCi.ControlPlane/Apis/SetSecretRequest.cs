namespace MvmCi.ControlPlane.Apis;

/// <summary>The body of <c>PUT /api/secrets/{name}</c>.</summary>
public sealed record SetSecretRequest(string? Value);
