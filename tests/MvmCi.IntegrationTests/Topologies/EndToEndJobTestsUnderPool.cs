using Xunit.Abstractions;

namespace MvmCi.IntegrationTests.Topologies;

[Collection(PoolCollection.Name)]
public sealed class EndToEndJobTestsUnderPool(PoolAppFixture app, ITestOutputHelper output) : EndToEndJobTests(app, output);
