namespace MvmCi.IntegrationTests.Topologies;

[Collection(AppCollection.Name)]
public sealed class OverviewTestsUnderShared(MvmCiAppFixture app) : OverviewTests(app);
