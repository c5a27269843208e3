using Xunit.Abstractions;

namespace MvmCi.IntegrationTests.Topologies;

[Collection(AppCollection.Name)]
public sealed class EndToEndJobTestsUnderShared(MvmCiAppFixture app, ITestOutputHelper output) : EndToEndJobTests(app, output);
