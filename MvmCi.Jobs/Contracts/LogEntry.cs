namespace MvmCi.Jobs.Contracts;

/// <summary>One piece of a job's live output (<c>GET /api/jobs/{id}/logs</c>).</summary>
public sealed record LogEntry(string Id, string Stream, string Text, int Attempt);
