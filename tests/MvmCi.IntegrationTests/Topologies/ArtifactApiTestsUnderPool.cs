namespace MvmCi.IntegrationTests.Topologies;

[Collection(PoolCollection.Name)]
public sealed class ArtifactApiTestsUnderPool(PoolAppFixture app) : ArtifactApiTests(app);
