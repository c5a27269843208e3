namespace MvmCi.ControlPlane.Apis;

/// <summary>The body of <c>POST /api/keys</c>.</summary>
/// <param name="SubmitsPerMinute">This key's own submit (and retry) rate; null for the deployment's default.</param>
/// <param name="UploadsPerMinute">This key's own module and blob upload rate; null for the deployment's default.</param>
public sealed record CreateKeyRequest(string? Name, string? Role, int? SubmitsPerMinute, int? UploadsPerMinute);
