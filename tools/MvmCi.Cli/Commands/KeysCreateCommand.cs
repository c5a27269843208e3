using System.CommandLine;
using MvmCi.Cli.Client;
using MvmCi.Cli.Output;

namespace MvmCi.Cli.Commands;

/// <summary>
/// <c>mvmci keys create NAME --role R [--submits-per-minute N] [--uploads-per-minute N]</c>: the new key alone on stdout (<c>KEY=$(mvmci keys create ...)</c>),
/// what it is on stderr; the server shows the key only this once.
/// </summary>
public static class KeysCreateCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "What the key is for, e.g. ci (shown in keys ls and whoami)." };
        var role = new Option<string>("--role", "-r") { Description = $"What the key may do: {string.Join(" < ", KeysCommand.Roles)}.", Required = true };
        role.AcceptOnlyFromAmong([.. KeysCommand.Roles]);
        var submitsPerMinute = new Option<int?>("--submits-per-minute")
        {
            Description = "The key's own limit on job submissions a minute (server default otherwise).",
            HelpName = "n",
        };
        submitsPerMinute.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError("--submits-per-minute must be at least 1.");
            }
        });
        var uploadsPerMinute = new Option<int?>("--uploads-per-minute")
        {
            Description = "The key's own limit on module and blob uploads a minute (server default otherwise).",
            HelpName = "n",
        };
        uploadsPerMinute.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError("--uploads-per-minute must be at least 1.");
            }
        });
        var output = CommonOptions.Output();
        var command = new Command("create", "Create an API key and print it: it is shown only this once.")
        {
            name, role, submitsPerMinute, uploadsPerMinute, output,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var request = new KeyRequest(parsed.GetRequiredValue(name), parsed.GetRequiredValue(role), parsed.GetValue(submitsPerMinute),
                parsed.GetValue(uploadsPerMinute));
            using var client = CommonOptions.ClientFor(parsed);
            var created = await client.CreateKeyAsync(request, cancellationToken);
            var writer = parsed.InvocationConfiguration.Output;
            if (parsed.GetValue(output) == CommonOptions.Json)
            {
                await JsonOutput.WriteAsync(writer, created);
                return ExitCodes.Success;
            }
            var limit = created.SubmitsPerMinute is { } perMinute ? $"{perMinute} submits a minute" : "the server's default submit limit";
            var error = parsed.InvocationConfiguration.Error;
            await error.WriteLineAsync($"mvmci: created key {created.Id} '{created.Name}' (role {created.Role}, {limit}); store it now, it is not shown again:");
            await error.FlushAsync(cancellationToken);
            await writer.WriteLineAsync(created.Key);
            return ExitCodes.Success;
        });
        return command;
    }
}
