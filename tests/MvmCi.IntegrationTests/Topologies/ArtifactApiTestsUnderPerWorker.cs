namespace MvmCi.IntegrationTests.Topologies;

[Collection(PerWorkerCollection.Name)]
public sealed class ArtifactApiTestsUnderPerWorker(PerWorkerAppFixture app) : ArtifactApiTests(app);
