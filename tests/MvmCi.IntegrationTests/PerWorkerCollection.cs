namespace MvmCi.IntegrationTests;

/// <summary>The job tests run again against an application in the <c>per-worker</c> topology.</summary>
[CollectionDefinition(Name)]
public sealed class PerWorkerCollection : ICollectionFixture<PerWorkerAppFixture>
{
    public const string Name = "topology-per-worker";
}
