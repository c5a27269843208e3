using System.Text.RegularExpressions;

namespace MvmCi.Jobs.Security;

/// <summary>What a secret may be called and hold.</summary>
public static partial class SecretNames
{
    public const int MaxValueBytes = 64 * 1024;

    /// <summary>A letter or digit, then up to 63 letters, digits, '.', '_' or '-'.</summary>
    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
