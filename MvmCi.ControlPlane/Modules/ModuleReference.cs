using System.Text.RegularExpressions;

namespace MvmCi.ControlPlane.Modules;

/// <summary>Syntax of module references: <c>sha256:&lt;64 hex&gt;</c> or <c>name@version</c>.</summary>
public static partial class ModuleReference
{
    public const string NameRule = "a name is 1-64 characters of letters, digits, '.', '_' or '-', starting with a letter or digit";
    public const string VersionRule = "a version is 1-64 characters of letters, digits, '.', '_', '+' or '-', starting with a letter or digit";

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex DigestPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$")]
    private static partial Regex VersionPattern();

    public static bool IsDigest(string value) => DigestPattern().IsMatch(value);

    public static bool IsName(string value) => NamePattern().IsMatch(value);

    public static bool IsVersion(string value) => VersionPattern().IsMatch(value);

    /// <summary>True for a well-formed digest or name@version.</summary>
    public static bool IsValid(string value) =>
        IsDigest(value) || (value.Split('@') is [var name, var version] && IsName(name) && IsVersion(version));
}
