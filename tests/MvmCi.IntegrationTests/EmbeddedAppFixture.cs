namespace MvmCi.IntegrationTests;

/// <summary>An application in the <c>embedded</c> topology.</summary>
public sealed class EmbeddedAppFixture : MvmCiAppFixture
{
    protected override string[] ExtraArguments => ["--topology", "embedded"];

    /// <summary>Each worker runs its jobs itself.</summary>
    public override IReadOnlyList<string> ExecutorsOf(string workerId) => [$"{workerId}/embedded"];
}
