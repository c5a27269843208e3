namespace MvmCi.Cli.Client;

/// <summary>The body of <c>PUT /api/secrets/{name}</c>.</summary>
public sealed record SecretRequest(string Value);
