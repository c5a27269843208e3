using MvmCi.Jobs.Contracts;

namespace MvmCi.ControlPlane.Monitoring;

/// <summary>The workers by state, and each of them.</summary>
public sealed record WorkerSummary(int Online, int Draining, int Offline, IReadOnlyList<WorkerRecord> Items);
