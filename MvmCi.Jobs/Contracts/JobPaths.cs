namespace MvmCi.Jobs.Contracts;

/// <summary>The rule for paths a job names (inputs under <c>/inputs</c>, outputs under <c>/work</c>).</summary>
public static class JobPaths
{
    public const int MaxLength = 256;

    /// <summary>
    /// A relative path of <c>/</c>-separated names: no leading <c>/</c>, no empty, <c>.</c> or <c>..</c>
    /// segment, no backslash or control character, at most <see cref="MaxLength"/> characters.
    /// </summary>
    public static bool IsValidRelative(string path) =>
        path.Length is > 0 and <= MaxLength
        && !path.Any(c => char.IsControl(c) || c == '\\')
        && path.Split('/').All(segment => segment.Length > 0 && segment != "." && segment != "..");
}
