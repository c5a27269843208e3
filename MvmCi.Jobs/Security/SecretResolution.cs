namespace MvmCi.Jobs.Security;

/// <summary>The values of the secrets a job names, and the names that could not be read (deleted, or sealed under another service key).</summary>
public sealed record SecretResolution(IReadOnlyDictionary<string, string> Values, IReadOnlyList<string> Unavailable);
