using System.CommandLine;

namespace MvmCi.Cli.Commands;

/// <summary><c>mvmci keys create|ls|revoke</c>: the control plane's API keys (an admin key's commands).</summary>
public static class KeysCommand
{
    /// <summary>The roles a key can have, each allowing what the one before it does: read &lt; submit &lt; admin.</summary>
    public static readonly IReadOnlyList<string> Roles = ["read", "submit", "admin"];

    public static Command Create() => new("keys", "Create, list and revoke API keys (needs an admin key).")
    {
        KeysCreateCommand.Create(),
        KeysListCommand.Create(),
        KeysRevokeCommand.Create(),
    };
}
