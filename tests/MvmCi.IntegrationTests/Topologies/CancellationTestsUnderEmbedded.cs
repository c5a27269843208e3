namespace MvmCi.IntegrationTests.Topologies;

[Collection(EmbeddedCollection.Name)]
public sealed class CancellationTestsUnderEmbedded(EmbeddedAppFixture app) : CancellationTests(app);
