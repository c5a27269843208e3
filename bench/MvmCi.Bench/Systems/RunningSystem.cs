namespace MvmCi.Bench.Systems;

/// <summary>A system the harness did not start (<c>--url</c>): nothing to stop, no start times.</summary>
public sealed class RunningSystem(Uri controlPlane, string? redisConnection) : ISystemUnderTest
{
    public Uri ControlPlane { get; } = controlPlane;

    public string? RedisConnection { get; } = redisConnection;

    public string? KeyspacePrefix => null;

    public StartupTimeline? Startup => null;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
