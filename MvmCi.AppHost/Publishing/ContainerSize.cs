namespace MvmCi.AppHost.Publishing;

/// <summary>A container's resource requests and limits, as Kubernetes quantities.</summary>
internal sealed record ContainerSize(string CpuRequest, string MemoryRequest, string CpuLimit, string MemoryLimit)
{
    public static readonly ContainerSize ControlPlane = new("100m", "128Mi", "1", "256Mi");
    public static readonly ContainerSize Worker = new("100m", "128Mi", "1", "256Mi");

    /// <summary>Wasmtime compiles and runs the guests: more CPU, and memory for the guests' linear memory.</summary>
    public static readonly ContainerSize Executor = new("250m", "256Mi", "2", "512Mi");

    public static readonly ContainerSize Redis = new("100m", "128Mi", "1", "512Mi");
}
