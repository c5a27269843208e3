using MvmCi.AppHost;
using MvmCi.AppHost.Publishing;

namespace MvmCi.Publishing.Tests;

/// <summary>A plan's deployment written to a temporary directory, deleted afterwards.</summary>
internal sealed class PublishedDeployment : IDisposable
{
    public PublishedDeployment(DeploymentPlan plan)
    {
        Plan = plan;
        Directory = Path.Combine(Path.GetTempPath(), $"mvmci-publish-{Guid.NewGuid():N}");
        Files = DeploymentWriter.Write(plan, Directory);
    }

    /// <summary>Three workers and two pool executors: every per-instance name differs from the defaults.</summary>
    public static PublishedDeployment Of(Topology topology) => new(new DeploymentPlan(topology, Workers: 3, Executors: 2));

    public DeploymentPlan Plan { get; }

    public string Directory { get; }

    public IReadOnlyList<string> Files { get; }

    public string PathOf(string relative) => Path.Combine(Directory, relative);

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
