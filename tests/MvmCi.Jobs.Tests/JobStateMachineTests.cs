using MvmCi.Jobs.State;

namespace MvmCi.Jobs.Tests;

public sealed class JobStateMachineTests
{
    [Theory]
    [InlineData(JobStatus.Pending, JobStatus.Claimed)]
    [InlineData(JobStatus.Claimed, JobStatus.Running)]
    [InlineData(JobStatus.Claimed, JobStatus.Failed)]
    [InlineData(JobStatus.Running, JobStatus.Completed)]
    [InlineData(JobStatus.Running, JobStatus.Failed)]
    public void ForwardMovesAreAllowed(string from, string to) =>
        Assert.True(JobStateMachine.CanTransition(from, to));

    [Theory]
    [InlineData(JobStatus.Running, JobStatus.Running)]
    [InlineData(JobStatus.Completed, JobStatus.Running)]
    [InlineData(JobStatus.Failed, JobStatus.Running)]
    public void BackwardMovesAreRefused(string from, string to) =>
        Assert.False(JobStateMachine.CanTransition(from, to));

    [Theory]
    [InlineData(JobStatus.Pending, JobStatus.Running)]
    [InlineData(JobStatus.Pending, JobStatus.Completed)]
    [InlineData(JobStatus.Claimed, JobStatus.Completed)]
    public void SkippingAStepIsRefused(string from, string to) =>
        Assert.False(JobStateMachine.CanTransition(from, to));

    [Theory]
    [InlineData(JobStatus.Claimed)]
    [InlineData(JobStatus.Running)]
    public void ALapsedLeaseIsClaimedAgain(string from) =>
        Assert.True(JobStateMachine.CanTransition(from, JobStatus.Claimed));

    [Fact]
    public void CompletedHasNoWayOut()
    {
        Assert.True(JobStatus.IsTerminal(JobStatus.Completed));
        Assert.All(JobStatus.All, to => Assert.False(JobStateMachine.CanTransition(JobStatus.Completed, to)));
    }

    [Theory]
    [InlineData(JobStatus.Failed)]
    [InlineData(JobStatus.Cancelled)]
    public void FailedAndCancelledOnlyReopenAsANewPendingAttempt(string terminal)
    {
        Assert.True(JobStatus.IsTerminal(terminal));
        Assert.Equal([JobStatus.Pending], JobStatus.All.Where(to => JobStateMachine.CanTransition(terminal, to)));
    }

    [Fact]
    public void CompletedIsOnlyReachedFromRunning() =>
        Assert.Equal([JobStatus.Running], JobStateMachine.SourcesOf(JobStatus.Completed));

    [Fact]
    public void UnknownStatusesAreNotKnown()
    {
        Assert.False(JobStatus.IsKnown("done"));
        Assert.False(JobStatus.IsKnown(null));
        Assert.True(JobStatus.IsKnown("running"));
    }
}
