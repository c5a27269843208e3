using System.Text;

namespace MvmCi.Cli.Input;

/// <summary>
/// A secret's value from standard input, so that it stays out of the shell's history: a pipe or file is read to its
/// end (without the trailing line break <c>echo</c> adds); at a terminal the user is prompted and types one line, not echoed.
/// </summary>
public static class SecretValueReader
{
    private static readonly TimeSpan KeyPollInterval = TimeSpan.FromMilliseconds(20);

    public static async Task<string> ReadAsync(CliSettings settings, string name, CancellationToken cancellationToken)
    {
        if (!settings.InputIsTerminal)
        {
            var text = await settings.Input.ReadToEndAsync(cancellationToken);
            return text.TrimEnd('\r', '\n');
        }
        await settings.Error.WriteAsync($"mvmci: value of secret '{name}' (not echoed), then Enter: ");
        await settings.Error.FlushAsync(cancellationToken);
        var value = await ReadHiddenLineAsync(cancellationToken);
        await settings.Error.WriteLineAsync();
        return value;
    }

    /// <summary>One line from the console without echoing it; polls so that Ctrl-C (the token) ends the wait.</summary>
    private static async Task<string> ReadHiddenLineAsync(CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        while (true)
        {
            while (!Console.KeyAvailable)
            {
                await Task.Delay(KeyPollInterval, cancellationToken);
            }
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                return line.ToString();
            }
            if (key.Key == ConsoleKey.Backspace)
            {
                line.Length = Math.Max(0, line.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                line.Append(key.KeyChar);
            }
        }
    }
}
