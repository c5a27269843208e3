namespace MvmCi.IntegrationTests;

[CollectionDefinition(Name)]
public sealed class DrainCollection : ICollectionFixture<DrainAppFixture>
{
    public const string Name = "drain";
}
