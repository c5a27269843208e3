namespace MvmCi.Cli;

/// <summary>Where the CLI writes and what it reads from its environment; tests pass their own writers.</summary>
/// <param name="Out">Results and the job's stdout.</param>
/// <param name="Error">Errors, status lines and the job's stderr.</param>
public sealed record CliSettings(TextWriter Out, TextWriter Error)
{
    /// <summary>The default server when the command line names none (<c>MVMCI_URL</c>).</summary>
    public string? ServerFromEnvironment { get; init; }

    /// <summary>The API key when the command line gives none (<c>MVMCI_API_KEY</c>).</summary>
    public string? ApiKeyFromEnvironment { get; init; }

    /// <summary>Standard input: where <c>secrets set</c> reads a value that is not on the command line.</summary>
    public TextReader Input { get; init; } = TextReader.Null;

    /// <summary>Whether <see cref="Input"/> is a person at a terminal (prompt, read one line without echo) rather than a pipe or a file.</summary>
    public bool InputIsTerminal { get; init; }

    /// <summary>Whether Ctrl-C and SIGTERM cancel the running command (the real process), or only the caller's token does (tests).</summary>
    public bool HandleTermination { get; init; } = true;

    public static CliSettings FromConsole() => new(Console.Out, Console.Error)
    {
        ServerFromEnvironment = Environment.GetEnvironmentVariable("MVMCI_URL"),
        ApiKeyFromEnvironment = Environment.GetEnvironmentVariable(Commands.ApiKeyOption.EnvironmentVariable),
        Input = Console.In,
        InputIsTerminal = !Console.IsInputRedirected,
    };
}
