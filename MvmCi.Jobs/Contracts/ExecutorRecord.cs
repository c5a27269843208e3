namespace MvmCi.Jobs.Contracts;

/// <summary>
/// An executor as <c>GET /api/executors</c> shows it: a Flawless service (<see cref="Kind"/> <c>service</c>) or the
/// executor core embedded in a worker (<c>embedded</c>, with <see cref="WorkerId"/>). <see cref="State"/>: online | offline.
/// </summary>
public sealed record ExecutorRecord
{
    public const string ServiceKind = "service";
    public const string EmbeddedKind = "embedded";

    public required string Id { get; init; }
    public required string Kind { get; init; }
    public string? WorkerId { get; init; }
    /// <summary>Guests it runs at once at most.</summary>
    public int Slots { get; init; }
    public int Running { get; init; }
    public long Completed { get; init; }
    public long Failed { get; init; }
    /// <summary>Compiled modules in its cache.</summary>
    public int ModulesCached { get; init; }
    public required string State { get; init; }
    public DateTimeOffset LastSeen { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public string? Host { get; init; }
    public int? ProcessId { get; init; }
}
