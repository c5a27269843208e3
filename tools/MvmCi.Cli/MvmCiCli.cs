using System.CommandLine;
using MvmCi.Cli.Client;
using MvmCi.Cli.Commands;

namespace MvmCi.Cli;

/// <summary>The <c>mvmci</c> command line: parse, run one command, turn every failure into one line on stderr and an exit code.</summary>
public static class MvmCiCli
{
    public static RootCommand BuildRootCommand(CliSettings settings)
    {
        var root = new RootCommand("mvmci: push WebAssembly modules to an MvmCi control plane, run jobs and watch them.");
        root.Options.Add(CommonOptions.Server(settings.ServerFromEnvironment));
        root.Subcommands.Add(PushCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(JobsCommand.Create());
        root.Subcommands.Add(WorkersCommand.Create());
        root.Subcommands.Add(StatsCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliSettings settings, CancellationToken cancellationToken = default)
    {
        var parsed = BuildRootCommand(settings).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var message = string.Join(' ', parsed.Errors[0].Message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            await settings.Error.WriteLineAsync($"mvmci: {message} (see mvmci --help)");
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
            await settings.Error.WriteLineAsync($"mvmci: {message}");
            await settings.Error.FlushAsync(CancellationToken.None);
            return code;
        }
    }

    /// <summary>The one line and the exit code for a failure; every exception gets one, so no stack trace reaches the user.</summary>
    private static (string Message, int Code)? Describe(Exception ex) => ex switch
    {
        UsageException usage => (usage.Message, ExitCodes.Usage),
        MvmCiApiException api => (api.Message, ExitCodes.Failure),
        ServerUnreachableException unreachable => (unreachable.Message, ExitCodes.Failure),
        OperationCanceledException => ("interrupted", ExitCodes.Cancelled),
        FileNotFoundException missing => ($"file not found: {missing.FileName ?? missing.Message}", ExitCodes.Failure),
        DirectoryNotFoundException missing => ($"file not found: {missing.Message}", ExitCodes.Failure),
        UnauthorizedAccessException denied => ($"permission denied: {denied.Message}", ExitCodes.Failure),
        IOException io => ($"I/O error: {io.Message}", ExitCodes.Failure),
        _ => ($"unexpected error ({ex.GetType().Name}): {ex.Message}", ExitCodes.Failure),
    };
}
