namespace MvmCi.IntegrationTests.Topologies;

[Collection(PerWorkerCollection.Name)]
public sealed class CancellationTestsUnderPerWorker(PerWorkerAppFixture app) : CancellationTests(app);
