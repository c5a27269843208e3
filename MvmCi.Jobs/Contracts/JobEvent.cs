namespace MvmCi.Jobs.Contracts;

/// <summary>One entry of a job's history (<c>GET /api/jobs/{id}/events</c>).</summary>
public sealed record JobEvent(string Id, string Status, string? From, int Attempt, DateTimeOffset At, string? Detail);
