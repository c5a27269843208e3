namespace MvmCi.Jobs.Security;

/// <summary>A stored job secret as the API shows it: its name and when it was set, never its value.</summary>
public sealed record SecretRecord(string Name, DateTimeOffset UpdatedAt);
