namespace MvmCi.IntegrationTests.Topologies;

[Collection(PoolCollection.Name)]
public sealed class LiveLogTestsUnderPool(PoolAppFixture app) : LiveLogTests(app);
