using System.CommandLine;
using MvmCi.Cli.Output;

namespace MvmCi.Cli.Commands;

/// <summary><c>mvmci keys ls</c>: every API key without its value.</summary>
public static class KeysListCommand
{
    public static Command Create()
    {
        var output = CommonOptions.Output();
        var command = new Command("ls", "List the API keys: id, name, role, submit limit (never the keys themselves).") { output };
        command.Aliases.Add("list");
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = CommonOptions.ClientFor(parsed);
            var keys = await client.ListKeysAsync(cancellationToken);
            var writer = parsed.InvocationConfiguration.Output;
            if (parsed.GetValue(output) == CommonOptions.Json)
            {
                await JsonOutput.WriteAsync(writer, keys);
                return ExitCodes.Success;
            }
            var table = new TextTable("ID", "NAME", "ROLE", "SUBMITS/MIN", "CREATED");
            foreach (var key in keys.Keys)
            {
                table.Add(key.Id, key.Name, key.Role, key.SubmitsPerMinute is null ? "default" : Formats.Number(key.SubmitsPerMinute), Formats.Time(key.CreatedAt));
            }
            await table.WriteAsync(writer);
            return ExitCodes.Success;
        });
        return command;
    }
}
