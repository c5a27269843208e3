namespace MvmCi.IntegrationTests.Topologies;

[Collection(AppCollection.Name)]
public sealed class LiveLogTestsUnderShared(MvmCiAppFixture app) : LiveLogTests(app);
