namespace MvmCi.Bench.Processes;

/// <summary>One process of the system: its resource name (e.g. <c>worker-2</c>), its role and its pid.</summary>
public sealed record ServiceProcess(string Name, string Role, int Pid);
