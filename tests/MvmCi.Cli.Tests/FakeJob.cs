using MvmCi.Jobs.Contracts;

namespace MvmCi.Cli.Tests;

/// <summary>A job of the fake control plane: its record as submitted, and the record each later GET answers.</summary>
public sealed class FakeJob(JobRecord submitted, IReadOnlyList<JobRecord> later)
{
    private int _reads;

    public JobRecord Submitted { get; } = submitted;

    /// <summary>The next state: each GET moves one step along <c>later</c> and then stays on its last.</summary>
    public JobRecord Read()
    {
        var index = Math.Min(Interlocked.Increment(ref _reads) - 1, later.Count - 1);
        return later[index];
    }

    public JobRecord Final => later[^1];
}
