namespace MvmCi.IntegrationTests.Topologies;

[Collection(PerWorkerCollection.Name)]
public sealed class OverviewTestsUnderPerWorker(PerWorkerAppFixture app) : OverviewTests(app);
