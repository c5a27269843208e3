namespace MvmCi.Cli.Tests;

/// <summary>An API key the fake control plane knows, as <c>GET /api/keys</c> shows it.</summary>
public sealed record FakeApiKey(string Id, string Name, string Role, int? SubmitsPerMinute, DateTimeOffset CreatedAt);
