using MvmCi.Jobs.State;

namespace MvmCi.Execution.Tests;

/// <summary>Every store limit ends the run with its own failure reason.</summary>
public sealed class LimitTests : IDisposable
{
    private readonly ExecutorHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Theory]
    [InlineData("big-table", FailureReasons.TableLimit)]
    [InlineData("many-tables", FailureReasons.InstanceLimit)]
    [InlineData("big-memory", FailureReasons.MemoryLimit)]
    public async Task ModuleOverAStoreLimitFailsWithThatLimitsReason(string guest, string reason)
    {
        var result = await _harness.RunAsync(guest);

        Assert.True(reason == result.FailureReason, $"{guest}: {result.FailureReason}: {result.FailureMessage}");
        Assert.Equal(0, _harness.StartedCalls);
    }
}
