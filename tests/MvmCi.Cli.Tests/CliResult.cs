namespace MvmCi.Cli.Tests;

/// <summary>What one in-process run of <c>mvmci</c> printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error);
