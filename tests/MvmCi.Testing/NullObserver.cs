using MvmCi.Execution;
using MvmCi.Jobs.Contracts;

namespace MvmCi.Testing;

/// <summary>An observer that ignores what a run reports.</summary>
public sealed class NullObserver : IExecutionObserver
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
