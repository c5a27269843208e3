using MvmCi.Jobs.State;

namespace MvmCi.IntegrationTests;

[Collection(AppCollection.Name)]
public sealed class TimeoutTests(MvmCiAppFixture app)
{
    [Fact]
    public async Task JobThatWaitsTooLongInItsQueueFailsWithQueueTimeout()
    {
        var echo = await app.UploadAsync("echo");

        // No worker serves this queue: the job can only wait.
        var job = await app.SubmitAsync(new { module = echo.Digest, queue = "unserved", queueTimeoutSeconds = 1 });
        var ended = await app.WaitForTerminalAsync(job.Id, TimeSpan.FromSeconds(30));

        Assert.Equal((JobStatus.Failed, FailureReasons.QueueTimeout, "unserved"), (ended.Status, ended.FailureReason, ended.Queue));
        Assert.Null(ended.StartedAt);
    }

    [Fact]
    public async Task AttemptsMayNotOutliveTheTotalTimeout()
    {
        var loop = await app.UploadAsync("loop");

        var job = await app.SubmitAsync(new { module = loop.Digest, timeoutSeconds = 60, totalTimeoutSeconds = 2 });
        var ended = await app.WaitForTerminalAsync(job.Id, TimeSpan.FromSeconds(30));

        Assert.Equal((JobStatus.Failed, FailureReasons.TotalTimeout), (ended.Status, ended.FailureReason));
        Assert.NotNull(ended.StartedAt);
    }

    [Fact]
    public async Task AttemptPastItsOwnTimeoutFailsWithTimeout()
    {
        var loop = await app.UploadAsync("loop");

        var ended = await app.WaitForTerminalAsync((await app.SubmitAsync(new { module = loop.Digest, timeoutSeconds = 1, totalTimeoutSeconds = 60 })).Id);

        Assert.Equal(FailureReasons.Timeout, ended.FailureReason);
    }
}
