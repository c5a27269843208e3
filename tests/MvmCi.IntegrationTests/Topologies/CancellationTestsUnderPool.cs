namespace MvmCi.IntegrationTests.Topologies;

[Collection(PoolCollection.Name)]
public sealed class CancellationTestsUnderPool(PoolAppFixture app) : CancellationTests(app);
