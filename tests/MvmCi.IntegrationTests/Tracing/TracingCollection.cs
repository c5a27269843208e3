namespace MvmCi.IntegrationTests.Tracing;

[CollectionDefinition(Name)]
public sealed class TracingCollection : ICollectionFixture<TracingAppFixture>
{
    public const string Name = "tracing";
}
