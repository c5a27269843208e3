namespace MvmCi.Jobs.State;

/// <summary>The status values of the HTTP contract. They are stored and returned as these exact strings.</summary>
public static class JobStatus
{
    public const string Pending = "pending";
    public const string Claimed = "claimed";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    /// <summary>Every status, in lifecycle order.</summary>
    public static IReadOnlyList<string> All { get; } = [Pending, Claimed, Running, Completed, Failed, Cancelled];

    public static bool IsKnown(string? status) => status is not null && All.Contains(status, StringComparer.Ordinal);

    public static bool IsTerminal(string status) => status is Completed or Failed or Cancelled;
}
