using System.CommandLine;
using MvmCi.Cli.Input;

namespace MvmCi.Cli.Commands;

/// <summary><c>mvmci secrets set NAME [--value V]</c>: without <c>--value</c> the value comes from stdin, out of the shell's history.</summary>
public static class SecretsSetCommand
{
    public static Command Create(CliSettings settings)
    {
        var name = SecretsCommand.NameArgument();
        var value = new Option<string?>("--value") { Description = "The value (default: read from stdin, which keeps it out of the shell's history)." };
        var command = new Command("set", "Create or replace a secret; its value is never shown again.") { name, value };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var secret = parsed.GetRequiredValue(name);
            var text = parsed.GetValue(value) ?? await SecretValueReader.ReadAsync(settings, secret, cancellationToken);
            if (text.Length == 0)
            {
                throw new UsageException($"the value of secret '{secret}' is empty: give it with --value or on stdin");
            }
            using var client = CommonOptions.ClientFor(parsed);
            var stored = await client.SetSecretAsync(secret, text, cancellationToken);
            await parsed.InvocationConfiguration.Output.WriteLineAsync($"set secret {stored.Name}");
            return ExitCodes.Success;
        });
        return command;
    }
}
