namespace MvmCi.Cli.Client;

/// <summary>A stored secret as the API shows it: its name and when it was last set, never its value.</summary>
public sealed record SecretRecord(string Name, DateTimeOffset UpdatedAt);
