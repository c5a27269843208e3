using MvmCi.Jobs.Contracts;

namespace MvmCi.ControlPlane.Monitoring;

/// <summary>The executors by state, and each of them.</summary>
public sealed record ExecutorSummary(int Online, int Offline, IReadOnlyList<ExecutorRecord> Items);
