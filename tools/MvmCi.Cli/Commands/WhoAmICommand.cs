using System.CommandLine;
using MvmCi.Cli.Output;

namespace MvmCi.Cli.Commands;

/// <summary><c>mvmci whoami</c>: the id, name and role of the API key in use.</summary>
public static class WhoAmICommand
{
    public static Command Create()
    {
        var output = CommonOptions.Output();
        var command = new Command("whoami", "Show the API key in use: its id, name and role.") { output };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = CommonOptions.ClientFor(parsed);
            var identity = await client.WhoAmIAsync(cancellationToken);
            var writer = parsed.InvocationConfiguration.Output;
            if (parsed.GetValue(output) == CommonOptions.Json)
            {
                await JsonOutput.WriteAsync(writer, identity);
                return ExitCodes.Success;
            }
            await writer.WriteLineAsync($"id:    {identity.Id}");
            await writer.WriteLineAsync($"name:  {identity.Name}");
            await writer.WriteLineAsync($"role:  {identity.Role}");
            return ExitCodes.Success;
        });
        return command;
    }
}
