using System.CommandLine;
using MvmCi.Cli.Output;

namespace MvmCi.Cli.Commands;

/// <summary><c>mvmci secrets ls</c>: names and when each was last set; the server never sends values.</summary>
public static class SecretsListCommand
{
    public static Command Create()
    {
        var output = CommonOptions.Output();
        var command = new Command("ls", "List the secrets' names and when each was last set (never their values).") { output };
        command.Aliases.Add("list");
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = CommonOptions.ClientFor(parsed);
            var secrets = await client.ListSecretsAsync(cancellationToken);
            var writer = parsed.InvocationConfiguration.Output;
            if (parsed.GetValue(output) == CommonOptions.Json)
            {
                await JsonOutput.WriteAsync(writer, secrets);
                return ExitCodes.Success;
            }
            var table = new TextTable("NAME", "UPDATED");
            foreach (var secret in secrets.Secrets)
            {
                table.Add(secret.Name, Formats.Time(secret.UpdatedAt));
            }
            await table.WriteAsync(writer);
            return ExitCodes.Success;
        });
        return command;
    }
}
