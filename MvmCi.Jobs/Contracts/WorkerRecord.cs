namespace MvmCi.Jobs.Contracts;

/// <summary>A worker as <c>GET /api/workers</c> shows it. <see cref="State"/>: online | draining | offline.</summary>
public sealed record WorkerRecord
{
    public required string Id { get; init; }
    public required IReadOnlyList<string> Queues { get; init; }
    public int Slots { get; init; }
    public int Running { get; init; }
    public long Completed { get; init; }
    public long Failed { get; init; }
    public required string State { get; init; }
    public DateTimeOffset LastSeen { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public string? Host { get; init; }
    public int? ProcessId { get; init; }
}
