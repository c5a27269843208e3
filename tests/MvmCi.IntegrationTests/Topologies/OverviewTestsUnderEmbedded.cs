namespace MvmCi.IntegrationTests.Topologies;

[Collection(EmbeddedCollection.Name)]
public sealed class OverviewTestsUnderEmbedded(EmbeddedAppFixture app) : OverviewTests(app);
