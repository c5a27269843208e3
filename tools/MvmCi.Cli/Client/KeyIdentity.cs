namespace MvmCi.Cli.Client;

/// <summary>The answer of <c>GET /api/whoami</c>: the key the request was made with.</summary>
public sealed record KeyIdentity(string Id, string Name, string Role);
