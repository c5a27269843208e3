using MvmCi.Execution;
using MvmCi.Jobs.Contracts;

namespace MvmCi.Benchmarks;

/// <summary>An observer that ignores everything, so the benchmarks measure the executor and not the reporting.</summary>
internal sealed class NullObserver : IExecutionObserver
{
    public static readonly NullObserver Instance = new();

    public void OnStarted()
    {
    }

    public void OnOutput(string stream, string text)
    {
    }

    public void OnProgress(JobProgress progress)
    {
    }
}
