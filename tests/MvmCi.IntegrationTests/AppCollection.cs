namespace MvmCi.IntegrationTests;

/// <summary>The test classes that share one running application.</summary>
[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<MvmCiAppFixture>
{
    public const string Name = "app";
}
