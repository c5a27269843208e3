namespace MvmCi.Jobs.Redis;

/// <summary>Counts of jobs per status (<c>GET /api/queue/stats</c>).</summary>
public sealed record QueueStats(long Pending, long Claimed, long Running, long Completed, long Failed, long Cancelled, long Total);
