namespace MvmCi.Cli.Client;

/// <summary>The answer of <c>GET /api/secrets</c>.</summary>
public sealed record SecretList(IReadOnlyList<SecretRecord> Secrets);
