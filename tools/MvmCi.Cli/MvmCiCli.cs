using System.CommandLine;
using MvmCi.Cli.Client;
using MvmCi.Cli.Commands;

namespace MvmCi.Cli;

/// <summary>The <c>mvmci</c> command line: parse, run one command, turn every failure into one line on stderr and an exit code.</summary>
public static class MvmCiCli
{
    /// <summary>What stands in an error line for a value that must never be printed (an API key, a secret).</summary>
    public const string Redacted = "***";

    /// <summary>Options whose value is a credential: it is blanked out of every error line, whoever wrote it there.</summary>
    private static readonly string[] SensitiveOptions = [ApiKeyOption.OptionName, "--value"];

    public static RootCommand BuildRootCommand(CliSettings settings)
    {
        var root = new RootCommand("mvmci: push WebAssembly modules to an MvmCi control plane, run jobs and watch them.");
        root.Options.Add(CommonOptions.Server(settings.ServerFromEnvironment));
        root.Options.Add(new ApiKeyOption(settings.ApiKeyFromEnvironment));
        root.Subcommands.Add(PushCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(JobsCommand.Create());
        root.Subcommands.Add(WorkersCommand.Create());
        root.Subcommands.Add(StatsCommand.Create());
        root.Subcommands.Add(WhoAmICommand.Create());
        root.Subcommands.Add(KeysCommand.Create());
        root.Subcommands.Add(SecretsCommand.Create(settings));
        return root;
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliSettings settings, CancellationToken cancellationToken = default)
    {
        var sensitive = SensitiveValues(args, settings);
        var parsed = BuildRootCommand(settings).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var message = string.Join(' ', parsed.Errors[0].Message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            await settings.Error.WriteLineAsync($"mvmci: {Redact(message, sensitive)} (see mvmci --help)");
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = settings.Out,
            Error = settings.Error,
            EnableDefaultExceptionHandler = false,
        };
        if (!settings.HandleTermination)
        {
            invocation.ProcessTerminationTimeout = null;
        }

        try
        {
            return await parsed.InvokeAsync(invocation, cancellationToken);
        }
        catch (Exception ex) when (Describe(ex) is var (message, code))
        {
            await settings.Error.WriteLineAsync($"mvmci: {Redact(message, sensitive)}");
            await settings.Error.FlushAsync(CancellationToken.None);
            return code;
        }
    }

    /// <summary>The one line and the exit code for a failure; every exception gets one, so no stack trace reaches the user.</summary>
    private static (string Message, int Code)? Describe(Exception ex) => ex switch
    {
        UsageException usage => (usage.Message, ExitCodes.Usage),
        MvmCiApiException { StatusCode: 401 or 403 } api => (api.Message, ExitCodes.NotAuthorized),
        MvmCiApiException { StatusCode: 429 } api => (api.Message, ExitCodes.RateLimited),
        MvmCiApiException api => (api.Message, ExitCodes.Failure),
        ServerUnreachableException unreachable => (unreachable.Message, ExitCodes.Failure),
        OperationCanceledException => ("interrupted", ExitCodes.Cancelled),
        FileNotFoundException missing => ($"file not found: {missing.FileName ?? missing.Message}", ExitCodes.Failure),
        DirectoryNotFoundException missing => ($"file not found: {missing.Message}", ExitCodes.Failure),
        UnauthorizedAccessException denied => ($"permission denied: {denied.Message}", ExitCodes.Failure),
        IOException io => ($"I/O error: {io.Message}", ExitCodes.Failure),
        _ => ($"unexpected error ({ex.GetType().Name}): {ex.Message}", ExitCodes.Failure),
    };

    /// <summary>
    /// The credentials this run was given: <c>$MVMCI_API_KEY</c> and the values of the sensitive options, read from the
    /// raw arguments so that even a command line the parser rejects is covered.
    /// </summary>
    private static List<string> SensitiveValues(IReadOnlyList<string> args, CliSettings settings)
    {
        var values = new List<string>();
        if (!string.IsNullOrWhiteSpace(settings.ApiKeyFromEnvironment))
        {
            values.Add(settings.ApiKeyFromEnvironment.Trim());
        }
        for (var i = 0; i < args.Count; i++)
        {
            foreach (var option in SensitiveOptions)
            {
                if (args[i] == option && i + 1 < args.Count)
                {
                    values.Add(args[i + 1].Trim());
                }
                else if (args[i].Length > option.Length + 1 && args[i].StartsWith(option, StringComparison.Ordinal) && args[i][option.Length] is '=' or ':')
                {
                    values.Add(args[i][(option.Length + 1)..].Trim());
                }
            }
        }
        // Longest first, so that a value containing another is blanked whole.
        return [.. values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(v => v.Length)];
    }

    private static string Redact(string message, List<string> sensitive) =>
        sensitive.Aggregate(message, (text, value) => text.Replace(value, Redacted, StringComparison.Ordinal));
}
