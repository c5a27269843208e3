namespace MvmCi.IntegrationTests.Topologies;

[Collection(PoolCollection.Name)]
public sealed class OverviewTestsUnderPool(PoolAppFixture app) : OverviewTests(app);
