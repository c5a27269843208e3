namespace MvmCi.Bench.Load;

/// <summary>The few fields of a job (<c>GET /api/jobs/{id}</c>) the harness reads; the rest of the document is skipped.</summary>
public sealed record JobDocument
{
    public required string Id { get; init; }
    public required string Status { get; init; }
    public int Attempt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ClaimedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public string? WorkerId { get; init; }
    public string? ExecutorId { get; init; }
    public string? FailureReason { get; init; }
}
