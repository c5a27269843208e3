using MvmCi.Jobs.Contracts;

namespace MvmCi.Execution.Tests;

internal sealed class NullObserver : IExecutionObserver
{
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
