namespace MvmCi.IntegrationTests;

/// <summary>An application in the <c>pool</c> topology.</summary>
public sealed class PoolAppFixture : MvmCiAppFixture
{
    protected override string[] ExtraArguments => ["--topology", "pool", "--executors", "2"];

    public override IReadOnlyList<string> ExecutorsOf(string workerId) => ["flawless-1", "flawless-2"];
}
