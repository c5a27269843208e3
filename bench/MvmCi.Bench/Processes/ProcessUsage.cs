namespace MvmCi.Bench.Processes;

/// <summary>
/// A process over one phase: resident memory at idle before, at its peak during (sampled every 250 ms) and after the
/// phase once it settled; CPU as a percentage of one core over the phase's wall time.
/// </summary>
public sealed record ProcessUsage(string Name, string Role, int Pid, double IdleRssMiB, double PeakRssMiB, double AfterRssMiB,
    double CpuPercent, double CpuSeconds);
