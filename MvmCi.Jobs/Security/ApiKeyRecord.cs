namespace MvmCi.Jobs.Security;

/// <summary>An API key as the API shows it: never its value, which is only shown once, when it is created.</summary>
/// <param name="SubmitsPerMinute">The key's own submit rate limit; null for the deployment's default.</param>
/// <param name="UploadsPerMinute">The key's own module and blob upload rate limit; null for the deployment's default.</param>
public sealed record ApiKeyRecord(string Id, string Name, string Role, int? SubmitsPerMinute, int? UploadsPerMinute, DateTimeOffset CreatedAt);
