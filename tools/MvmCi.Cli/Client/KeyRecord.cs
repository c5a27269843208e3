namespace MvmCi.Cli.Client;

/// <summary>An API key as <c>GET /api/keys</c> lists it: never its value.</summary>
/// <param name="SubmitsPerMinute">The key's own submit limit; null for the server's default.</param>
public sealed record KeyRecord(string Id, string Name, string Role, int? SubmitsPerMinute, DateTimeOffset CreatedAt);
