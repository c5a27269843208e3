namespace MvmCi.Bench.Systems;

/// <summary>A system the harness did not start (<c>--url</c>; its key from <c>MVMCI_API_KEY</c>): nothing to stop, no start times.</summary>
public sealed class RunningSystem(Uri controlPlane, string? redisConnection) : ISystemUnderTest
{
    public Uri ControlPlane { get; } = controlPlane;

    public string? ApiKey { get; } = Environment.GetEnvironmentVariable("MVMCI_API_KEY");

    public string? RedisConnection { get; } = redisConnection;

    public string? KeyspacePrefix => null;

    public StartupTimeline? Startup => null;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
