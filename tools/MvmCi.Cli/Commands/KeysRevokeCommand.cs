using System.CommandLine;

namespace MvmCi.Cli.Commands;

/// <summary><c>mvmci keys revoke ID</c>: requests with that key are refused from now on.</summary>
public static class KeysRevokeCommand
{
    /// <summary>How every key the server issues starts (ids never do).</summary>
    private const string KeyPrefix = "mvmci_";

    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The key's id (from keys ls), not the key itself." };
        var command = new Command("revoke", "Revoke an API key: the server refuses it from now on.") { id };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var keyId = parsed.GetRequiredValue(id);
            if (keyId.StartsWith(KeyPrefix, StringComparison.Ordinal))
            {
                // Not echoed: it is most likely a key pasted where its id belongs.
                throw new UsageException("keys revoke takes the key's id (the ID column of mvmci keys ls), not the key itself");
            }
            using var client = CommonOptions.ClientFor(parsed);
            await client.RevokeKeyAsync(keyId, cancellationToken);
            await parsed.InvocationConfiguration.Output.WriteLineAsync($"revoked key {keyId}");
            return ExitCodes.Success;
        });
        return command;
    }
}
