namespace MvmCi.Cli.Client;

/// <summary>The answer of <c>POST /api/keys</c>: the only time the server shows the <see cref="Key"/> itself.</summary>
public sealed record CreatedKey(string Id, string Name, string Role, int? SubmitsPerMinute, DateTimeOffset CreatedAt, string Key);
