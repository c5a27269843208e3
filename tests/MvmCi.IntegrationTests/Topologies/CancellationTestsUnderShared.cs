namespace MvmCi.IntegrationTests.Topologies;

[Collection(AppCollection.Name)]
public sealed class CancellationTestsUnderShared(MvmCiAppFixture app) : CancellationTests(app);
