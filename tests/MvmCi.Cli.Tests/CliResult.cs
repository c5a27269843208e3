namespace MvmCi.Cli.Tests;

/// <summary>What one in-process run of <c>mvmci</c> printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>Everything printed, stdout then stderr: where a key must never appear.</summary>
    public string Printed => Out + Error;
}
