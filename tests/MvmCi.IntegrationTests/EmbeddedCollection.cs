namespace MvmCi.IntegrationTests;

/// <summary>The job tests run again against an application in the <c>embedded</c> topology.</summary>
[CollectionDefinition(Name)]
public sealed class EmbeddedCollection : ICollectionFixture<EmbeddedAppFixture>
{
    public const string Name = "topology-embedded";
}
