using System.Text.Json;

namespace MvmCi.Cli.Tests;

public sealed class JobsCommandTests : FakeServerTests
{
    [Fact]
    public async Task LsPrintsATableAndPassesTheFilters()
    {
        var result = await RunAsync("jobs", "ls", "--status", "failed", "--limit", "5");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.TrimEnd().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("ID", lines[0], StringComparison.Ordinal);
        Assert.Contains("STATUS", lines[0]);
        Assert.Contains(FakeControlPlane.CompletedJobId, lines[1]);
        Assert.Contains("completed", lines[1]);
        Assert.Contains("exit_code", lines[2]);
        Assert.Contains("GET /api/jobs?status=failed&limit=5", Server.Requests);
    }

    [Fact]
    public async Task LsRejectsAnUnknownStatusBeforeAskingTheServer()
    {
        var result = await RunAsync("jobs", "ls", "--status", "done");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task LsAsJsonKeepsTheApiShape()
    {
        var result = await RunAsync("jobs", "ls", "--output", "json");

        using var document = JsonDocument.Parse(result.Out);
        Assert.Equal(2, document.RootElement.GetProperty("items").GetArrayLength());
        Assert.Equal("completed", document.RootElement.GetProperty("items")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task ShowPrintsTheJobsFieldsAndOutput()
    {
        var result = await RunAsync("jobs", "show", FakeControlPlane.CompletedJobId);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches($@"(?m)^id:\s+{FakeControlPlane.CompletedJobId}$", result.Out);
        Assert.Matches(@"(?m)^status:\s+completed$", result.Out);
        Assert.Matches(@"(?m)^exit code:\s+0$", result.Out);
        Assert.Matches(@"(?m)^args:\s+hello world$", result.Out);
        Assert.Matches(@"(?m)^worker:\s+worker-1$", result.Out);
        Assert.Contains("--- stdout ---\nhello world\n", result.Out);
    }

    [Fact]
    public async Task ShowAsJson()
    {
        var result = await RunAsync("jobs", "show", FakeControlPlane.CompletedJobId, "-o", "json");

        using var document = JsonDocument.Parse(result.Out);
        Assert.Equal(FakeControlPlane.CompletedJobId, document.RootElement.GetProperty("id").GetString());
        Assert.Equal(0, document.RootElement.GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task ShowOfAnUnknownJobPrintsTheProblemTitleAndDetail()
    {
        var result = await RunAsync("jobs", "show", "4a1b2c3d-0000-0000-0000-000000000000");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("mvmci: Job not found: No job has the id '4a1b2c3d-0000-0000-0000-000000000000'.\n", result.Error.ReplaceLineEndings("\n"));
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task CancelOfAPendingJobSaysItIsCancelled()
    {
        var result = await RunAsync("jobs", "cancel", FakeControlPlane.PendingJobId);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"cancelled {FakeControlPlane.PendingJobId}", result.Out.Trim());
        Assert.Contains($"POST /api/jobs/{FakeControlPlane.PendingJobId}/cancel", Server.Requests);
    }

    [Fact]
    public async Task CancelOfARunningJobSaysItsWorkerInterruptsIt()
    {
        var result = await RunAsync("jobs", "cancel", FakeControlPlane.RunningJobId);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("its worker interrupts it", result.Out);
    }

    [Fact]
    public async Task CancelOfAFinishedJobPrintsTheConflict()
    {
        var result = await RunAsync("jobs", "cancel", FakeControlPlane.CompletedJobId);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("mvmci: Job already finished: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryQueuesTheJobAgain()
    {
        var result = await RunAsync("jobs", "retry", FakeControlPlane.FailedJobId);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"retrying {FakeControlPlane.FailedJobId} (pending)", result.Out.Trim());
        Assert.Contains($"POST /api/jobs/{FakeControlPlane.FailedJobId}/retry", Server.Requests);
    }
}
