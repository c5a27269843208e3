namespace MvmCi.Jobs.Contracts;

/// <summary>Jobs submitted and jobs that reached each final status during one minute (<see cref="Minute"/> is its start).</summary>
public sealed record MinuteCounts(DateTimeOffset Minute, long Submitted, long Completed, long Failed, long Cancelled);
