namespace MvmCi.Jobs.Security;

/// <summary>
/// What an API key may do. Each role includes the ones before it: <c>read</c> (status, logs, artifacts),
/// <c>submit</c> (upload modules and inputs, submit, cancel and retry jobs), <c>admin</c> (keys, secrets,
/// draining workers, deleting modules and blobs).
/// </summary>
public static class ApiRoles
{
    public const string Read = "read";
    public const string Submit = "submit";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Read, Submit, Admin];

    public static bool IsKnown(string? role) => Rank(role) >= 0;

    /// <summary>Whether a key of <paramref name="role"/> may do what <paramref name="required"/> allows.</summary>
    public static bool Grants(string? role, string required) => Rank(role) >= 0 && Rank(role) >= Rank(required);

    private static int Rank(string? role) => role switch
    {
        Read => 0,
        Submit => 1,
        Admin => 2,
        _ => -1,
    };
}
