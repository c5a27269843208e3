using MvmCi.Jobs.State;

namespace MvmCi.Jobs.Tests;

public sealed class RetryPolicyTests
{
    [Fact]
    public void DelaysGrowByTheCoefficientUpToTheMaximum()
    {
        var policy = new RetryPolicy { InitialIntervalSeconds = 1, BackoffCoefficient = 2, MaxIntervalSeconds = 5 };

        Assert.Equal([1d, 2d, 4d, 5d, 5d], Enumerable.Range(1, 5).Select(n => policy.DelayAfter(n).TotalSeconds));
    }

    [Theory]
    [InlineData(FailureReasons.ExecutorUnavailable, true)]
    [InlineData(FailureReasons.ExecutorError, true)]
    [InlineData(FailureReasons.LeaseLost, true)]
    [InlineData(FailureReasons.ExitCode, false)]
    [InlineData(FailureReasons.InvalidModule, false)]
    [InlineData(FailureReasons.LinkError, false)]
    [InlineData(FailureReasons.Trap, false)]
    [InlineData(FailureReasons.Timeout, false)]
    [InlineData(FailureReasons.Cancelled, false)]
    public void OnlyInfrastructureFailuresRetryByDefault(string reason, bool retries) =>
        Assert.Equal(retries, RetryPolicy.Default.IsRetryable(reason));

    [Fact]
    public void NonZeroExitRetriesOnlyWhenTheJobAsks() =>
        Assert.True(new RetryPolicy { RetryOnExitCode = true }.IsRetryable(FailureReasons.ExitCode));
}
