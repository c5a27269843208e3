namespace MvmCi.IntegrationTests;

/// <summary>An application of its own for tests that kill parts of it, with a short lease so reclaim is quick.</summary>
public sealed class FaultAppFixture : MvmCiAppFixture
{
    public const int LeaseTtlSeconds = 3;

    protected override string[] ExtraArguments => ["--LeaseTtlSeconds", LeaseTtlSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)];
}
