namespace MvmCi.IntegrationTests;

[CollectionDefinition(Name)]
public sealed class FaultCollection : ICollectionFixture<FaultAppFixture>
{
    public const string Name = "faults";
}
