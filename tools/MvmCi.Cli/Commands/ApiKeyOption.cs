using System.CommandLine;

namespace MvmCi.Cli.Commands;

/// <summary>
/// <c>--api-key KEY</c>, else <c>$MVMCI_API_KEY</c>. The environment's key is not the option's default value: help
/// prints defaults, and the key must never be printed.
/// </summary>
public sealed class ApiKeyOption : Option<string>
{
    public const string OptionName = "--api-key";
    public const string EnvironmentVariable = "MVMCI_API_KEY";

    public ApiKeyOption(string? fromEnvironment)
        : base(OptionName)
    {
        Description = $"The API key, sent as 'Authorization: Bearer' (default: ${EnvironmentVariable}).";
        HelpName = "key";
        Recursive = true;
        FromEnvironment = string.IsNullOrWhiteSpace(fromEnvironment) ? null : fromEnvironment.Trim();
        Validators.Add(result =>
        {
            if (Problem(result.GetValueOrDefault<string>()) is { } problem)
            {
                result.AddError($"{OptionName} {problem}.");
            }
        });
    }

    public string? FromEnvironment { get; }

    /// <summary>The key for this command line: <c>--api-key</c>, else the environment's, else none.</summary>
    public static string? KeyFor(ParseResult parsed)
    {
        if (parsed.RootCommandResult.Command.Options.OfType<ApiKeyOption>().FirstOrDefault() is not { } option)
        {
            return null;
        }
        if (parsed.GetValue(option) is { } given)
        {
            return given.Trim();
        }
        if (option.FromEnvironment is { } key && Problem(key) is { } problem)
        {
            throw new UsageException($"${EnvironmentVariable} {problem}");
        }
        return option.FromEnvironment;
    }

    /// <summary>What is wrong with a key, without quoting it; null when it can go in a header.</summary>
    private static string? Problem(string? key) => key?.Trim() switch
    {
        null => null,
        "" => "is empty",
        var trimmed when trimmed.Any(c => c is < '!' or > '~') => "must be printable ASCII without spaces",
        _ => null,
    };
}
