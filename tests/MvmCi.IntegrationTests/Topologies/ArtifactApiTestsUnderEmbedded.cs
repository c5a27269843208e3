namespace MvmCi.IntegrationTests.Topologies;

[Collection(EmbeddedCollection.Name)]
public sealed class ArtifactApiTestsUnderEmbedded(EmbeddedAppFixture app) : ArtifactApiTests(app);
