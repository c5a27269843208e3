namespace MvmCi.BrowserTests;

/// <summary>The browser test classes that share one running application and one browser.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardAppFixture>
{
    public const string Name = "dashboard";
}
