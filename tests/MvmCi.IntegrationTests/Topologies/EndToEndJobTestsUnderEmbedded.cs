using Xunit.Abstractions;

namespace MvmCi.IntegrationTests.Topologies;

[Collection(EmbeddedCollection.Name)]
public sealed class EndToEndJobTestsUnderEmbedded(EmbeddedAppFixture app, ITestOutputHelper output) : EndToEndJobTests(app, output);
