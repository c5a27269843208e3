namespace MvmCi.Jobs.Security;

/// <summary>A key just created: its record and its value, which is stored only as a hash and never shown again.</summary>
public sealed record CreatedApiKey(ApiKeyRecord Record, string Key);
