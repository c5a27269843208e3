using MvmCi.AppHost;

namespace MvmCi.Publishing.Tests;

internal static class Topologies
{
    public static TheoryData<Topology> All => [.. Enum.GetValues<Topology>()];

    /// <summary>What the generated files hold where a password belongs until an operator replaces it.</summary>
    public const string PasswordPlaceholder = "change-me";
}
