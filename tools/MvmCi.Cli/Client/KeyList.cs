namespace MvmCi.Cli.Client;

/// <summary>The answer of <c>GET /api/keys</c>.</summary>
public sealed record KeyList(IReadOnlyList<KeyRecord> Keys);
