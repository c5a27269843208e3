namespace MvmCi.Bench.Reporting;

/// <summary>
/// One worker's start, in seconds after the AppHost start: its process started (/proc), Aspire saw it healthy, and it
/// claimed its first job (that job's <c>claimedAt</c>). <see cref="StartToFirstClaimSeconds"/> is the difference of the first and last.
/// </summary>
public sealed record WorkerStartup(string WorkerId, int? Pid, double? ProcessStartSeconds, double? HealthySeconds, double? FirstClaimSeconds)
{
    public double? StartToFirstClaimSeconds => FirstClaimSeconds - ProcessStartSeconds;
}
