namespace MvmCi.IntegrationTests.Topologies;

[Collection(PerWorkerCollection.Name)]
public sealed class LiveLogTestsUnderPerWorker(PerWorkerAppFixture app) : LiveLogTests(app);
