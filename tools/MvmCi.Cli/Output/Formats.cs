using System.Globalization;

namespace MvmCi.Cli.Output;

/// <summary>How times, durations and absent values read in tables.</summary>
public static class Formats
{
    public const string None = "-";

    public static string Time(DateTimeOffset? at) =>
        at is { } value ? value.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : None;

    public static string Duration(long? milliseconds) => milliseconds switch
    {
        null => None,
        < 1000 => $"{milliseconds} ms",
        < 60_000 => string.Create(CultureInfo.InvariantCulture, $"{milliseconds / 1000.0:0.0} s"),
        _ => TimeSpan.FromMilliseconds(milliseconds.Value).ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture),
    };

    public static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? None;
}
