namespace MvmCi.ControlPlane.Monitoring;

/// <summary>Whether Redis answers (<see cref="Status"/> up | down), how fast, its version and memory; <see cref="Error"/> says why it is down.</summary>
public sealed record RedisHealth(string Status, double? LatencyMs, string? Version, long? UsedMemoryBytes, string? Error)
{
    public const string Up = "up";
    public const string Down = "down";
}
