using System.CommandLine;

namespace MvmCi.Cli.Commands;

/// <summary><c>mvmci secrets rm NAME</c>.</summary>
public static class SecretsRemoveCommand
{
    public static Command Create()
    {
        var name = SecretsCommand.NameArgument();
        var command = new Command("rm", "Remove a secret.") { name };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var secret = parsed.GetRequiredValue(name);
            using var client = CommonOptions.ClientFor(parsed);
            await client.DeleteSecretAsync(secret, cancellationToken);
            await parsed.InvocationConfiguration.Output.WriteLineAsync($"removed secret {secret}");
            return ExitCodes.Success;
        });
        return command;
    }
}
