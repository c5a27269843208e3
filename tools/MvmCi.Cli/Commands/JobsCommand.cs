using System.CommandLine;

namespace MvmCi.Cli.Commands;

/// <summary><c>mvmci jobs ls|show|cancel|retry</c>.</summary>
public static class JobsCommand
{
    public static Command Create() => new("jobs", "List, inspect, cancel and retry jobs.")
    {
        JobsListCommand.Create(),
        JobsShowCommand.Create(),
        JobsCancelCommand.Create(),
        JobsRetryCommand.Create(),
    };

    internal static Argument<string> IdArgument() => new("id") { Description = "The job's id." };
}
