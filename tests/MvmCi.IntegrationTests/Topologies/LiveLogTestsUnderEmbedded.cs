namespace MvmCi.IntegrationTests.Topologies;

[Collection(EmbeddedCollection.Name)]
public sealed class LiveLogTestsUnderEmbedded(EmbeddedAppFixture app) : LiveLogTests(app);
