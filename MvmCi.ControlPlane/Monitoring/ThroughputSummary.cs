using MvmCi.Jobs.Contracts;

namespace MvmCi.ControlPlane.Monitoring;

/// <summary>
/// The last minutes, oldest first (the current, partial minute last); <see cref="JobsPerSecond"/> is the rate of
/// finished jobs and <see cref="FailureRate"/> failed / (completed + failed), both over the last
/// <see cref="OverviewReader.RateWindowMinutes"/> minutes (null when no job finished).
/// </summary>
public sealed record ThroughputSummary(IReadOnlyList<MinuteCounts> Items, double JobsPerSecond, double? FailureRate);
