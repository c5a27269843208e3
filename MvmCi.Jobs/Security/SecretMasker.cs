namespace MvmCi.Jobs.Security;

/// <summary>
/// Replaces a job's secret values with <see cref="Mask"/> in anything recorded about it: logs, progress, output,
/// failure messages, journal entries. Longer values are replaced first, so a secret that contains another is masked whole.
/// </summary>
public sealed class SecretMasker
{
    public const string Mask = "***";

    public static readonly SecretMasker None = new([]);

    private readonly string[] _values;

    public SecretMasker(IEnumerable<string> values) =>
        _values = [.. values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(v => v.Length)];

    public bool IsEmpty => _values.Length == 0;

    internal IReadOnlyList<string> Values => _values;

    public string Apply(string text)
    {
        foreach (var value in _values)
        {
            text = text.Replace(value, Mask, StringComparison.Ordinal);
        }
        return text;
    }

    public string? ApplyOrNull(string? text) => text is null ? null : Apply(text);

    /// <summary>A masker for text that arrives in pieces, where a value may be cut between two of them.</summary>
    public StreamMasker ForStream() => new(this);
}
