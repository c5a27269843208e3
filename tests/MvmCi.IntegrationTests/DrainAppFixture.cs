namespace MvmCi.IntegrationTests;

/// <summary>
/// An application of its own for drain tests: a long lease (so a hand-back that works is not mistaken
/// for a reclaim after the lease) and a short drain grace.
/// </summary>
public sealed class DrainAppFixture : MvmCiAppFixture
{
    public const int LeaseTtlSeconds = 60;
    public const int DrainGraceSeconds = 2;

    protected override string[] ExtraArguments =>
        ["--LeaseTtlSeconds", $"{LeaseTtlSeconds}", "--DrainGraceSeconds", $"{DrainGraceSeconds}"];
}
