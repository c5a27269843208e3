using MvmCi.Jobs.Contracts;

namespace MvmCi.Execution;

/// <summary>What a run reports while it goes; called on the guest's thread, so implementations must not block.</summary>
public interface IExecutionObserver
{
    /// <summary>The module is instantiated and <c>_start</c> is about to run.</summary>
    void OnStarted();

    /// <summary>A piece of kept output: stream (<c>stdout</c>, <c>stderr</c>, <c>log</c>) and text.</summary>
    void OnOutput(string stream, string text);

    /// <summary>The guest reported progress through <c>mvmci.progress</c>.</summary>
    void OnProgress(JobProgress progress);
}
