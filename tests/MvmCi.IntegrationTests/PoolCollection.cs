namespace MvmCi.IntegrationTests;

/// <summary>The job tests run again against an application in the <c>pool</c> topology.</summary>
[CollectionDefinition(Name)]
public sealed class PoolCollection : ICollectionFixture<PoolAppFixture>
{
    public const string Name = "topology-pool";
}
