using System.CommandLine;

namespace MvmCi.Cli.Commands;

/// <summary><c>mvmci secrets set|ls|rm</c>: the stored secrets jobs read with <c>run --secret ENV=NAME</c> (an admin key's commands).</summary>
public static class SecretsCommand
{
    public static Command Create(CliSettings settings) => new("secrets", "Set, list and remove the secrets jobs can read (needs an admin key).")
    {
        SecretsSetCommand.Create(settings),
        SecretsListCommand.Create(),
        SecretsRemoveCommand.Create(),
    };

    internal static Argument<string> NameArgument() => new("name") { Description = "The secret's name, e.g. npm-token." };
}
