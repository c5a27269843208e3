namespace MvmCi.IntegrationTests;

/// <summary>An application in the <c>per-worker</c> topology.</summary>
public sealed class PerWorkerAppFixture : MvmCiAppFixture
{
    protected override string[] ExtraArguments => ["--topology", "per-worker"];

    /// <summary>worker-N uses flawless-N and no other.</summary>
    public override IReadOnlyList<string> ExecutorsOf(string workerId) => [workerId.Replace("worker-", "flawless-", StringComparison.Ordinal)];
}
