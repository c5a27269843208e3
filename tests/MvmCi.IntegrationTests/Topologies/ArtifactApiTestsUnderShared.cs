namespace MvmCi.IntegrationTests.Topologies;

[Collection(AppCollection.Name)]
public sealed class ArtifactApiTestsUnderShared(MvmCiAppFixture app) : ArtifactApiTests(app);
