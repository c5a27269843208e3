using Xunit.Abstractions;

namespace MvmCi.IntegrationTests.Topologies;

[Collection(PerWorkerCollection.Name)]
public sealed class EndToEndJobTestsUnderPerWorker(PerWorkerAppFixture app, ITestOutputHelper output) : EndToEndJobTests(app, output);
