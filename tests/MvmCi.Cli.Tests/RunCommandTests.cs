namespace MvmCi.Cli.Tests;

public sealed class RunCommandTests : FakeServerTests
{
    [Fact]
    public async Task RunWithoutFollowSubmitsTheJobAndPrintsItsId()
    {
        var result = await RunAsync("run", "ok@1", "--timeout", "30", "--env", "CI=true", "--env", "MODE=fast", "--input", "some text", "--", "hello", "--world");

        Assert.Equal(0, result.ExitCode);
        Assert.True(Guid.TryParse(result.Out.Trim(), out _), result.Out);
        var submitted = Assert.Single(Server.Submissions);
        Assert.Equal("ok@1", (string?)submitted["module"]);
        Assert.Equal(["hello", "--world"], submitted["args"]!.AsArray().Select(a => (string?)a));
        Assert.Equal("true", (string?)submitted["env"]!["CI"]);
        Assert.Equal("fast", (string?)submitted["env"]!["MODE"]);
        Assert.Equal("some text", (string?)submitted["input"]);
        Assert.Equal(30, (int?)submitted["timeoutSeconds"]);
    }

    [Fact]
    public async Task RunWithoutOptionsSendsOnlyTheModule()
    {
        await RunAsync("run", "ok@1");

        var submitted = Assert.Single(Server.Submissions);
        Assert.Equal(["module"], submitted.Select(p => p.Key));
    }

    [Fact]
    public async Task FollowShowsTheQueuedStatusStreamsTheOutputAndExitsZero()
    {
        var result = await RunAsync("run", "ok@1", "--follow");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("hello world\n", result.Out);
        Assert.Contains("mvmci: pending in queue 'default'", result.Error);
        Assert.Contains("mvmci: claimed by worker-1 (attempt 1), starting", result.Error);
        Assert.Contains("mvmci: running on worker-1 (attempt 1)", result.Error);
        Assert.Contains("a warning\n", result.Error);
        Assert.Contains("[info] step one\n", result.Error);
    }

    [Fact]
    public async Task FollowWritesOutputAsItArrivesNotWhenTheJobEnds()
    {
        Server.LogGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var output = new StringWriter();
        var synchronizedOutput = TextWriter.Synchronized(output);
        using var error = new StringWriter();
        var run = MvmCiCli.RunAsync(Cli.Against(Server, "run", "ok@1", "--follow"),
            new CliSettings(synchronizedOutput, TextWriter.Synchronized(error)) { HandleTermination = false });

        // TextWriter.Synchronized locks the wrapper itself, so reading under that lock sees whole writes.
        string Printed()
        {
            lock (synchronizedOutput)
            {
                return output.ToString();
            }
        }
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!Printed().Contains("hello ", StringComparison.Ordinal) && DateTime.UtcNow < deadline && !run.IsCompleted)
        {
            await Task.Delay(20);
        }

        Assert.Equal("hello ", Printed());
        Assert.False(run.IsCompleted);
        Server.LogGate.SetResult();
        Assert.Equal(0, await run);
        Assert.Equal("hello world\n", output.ToString());
    }

    [Fact]
    public async Task FollowExitsWithTheJobsExitCode()
    {
        var result = await RunAsync("run", "three@1", "--follow");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("failed with exit code 3", result.Error);
    }

    [Fact]
    public async Task FollowOfAFailureWithoutExitCodeExitsOneAndPrintsTheReason()
    {
        var result = await RunAsync("run", "trap@1", "--follow");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("failed: trap: wasm trap: wasm `unreachable` instruction executed", result.Error);
    }

    [Fact]
    public async Task FollowOfACancelledJobExits130()
    {
        var result = await RunAsync("run", "stop@1", "--follow");

        Assert.Equal(130, result.ExitCode);
        Assert.Contains("was cancelled", result.Error);
    }

    [Fact]
    public async Task RunOfAnUnknownModulePrintsTheProblem()
    {
        var result = await RunAsync("run", "nope@1");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("mvmci: Unknown module: No module 'nope@1' is in the registry: upload it first with POST /api/modules.", result.Error.Trim());
    }

    [Fact]
    public async Task RunRejectsAnEnvWithoutEquals()
    {
        var result = await RunAsync("run", "ok@1", "--env", "CI");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal("mvmci: --env must be KEY=VALUE (got 'CI')", result.Error.Trim());
        Assert.Empty(Server.Submissions);
    }

    [Fact]
    public async Task RunSendsTheSecretsAndTheAllowedHosts()
    {
        var result = await RunAsync("run", "ok@1", "--secret", "NPM_TOKEN=npm-token", "--secret", "GH_TOKEN=gh-token",
            "--allow-host", "api.example.com", "--allow-host", "localhost:8080");

        Assert.Equal(0, result.ExitCode);
        var submitted = Assert.Single(Server.Submissions);
        var secrets = submitted["secrets"]!.AsObject();
        Assert.Equal(2, secrets.Count);
        Assert.Equal("npm-token", (string?)secrets["NPM_TOKEN"]);
        Assert.Equal("gh-token", (string?)secrets["GH_TOKEN"]);
        Assert.Equal(["api.example.com", "localhost:8080"], submitted["httpAllowedHosts"]!.AsArray().Select(h => (string?)h));
        Assert.Null(submitted["env"]);
    }

    [Theory]
    [InlineData("NPM_TOKEN")]
    [InlineData("=npm-token")]
    [InlineData("NPM_TOKEN=")]
    public async Task RunRejectsASecretThatIsNotEnvEqualsName(string secret)
    {
        var result = await RunAsync("run", "ok@1", "--secret", secret);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal($"mvmci: --secret must be ENV=NAME, the variable and the stored secret's name, e.g. NPM_TOKEN=npm-token (got '{secret}')", result.Error.Trim());
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task RunRejectsTheSameSecretVariableTwice()
    {
        var result = await RunAsync("run", "ok@1", "--secret", "NPM_TOKEN=a", "--secret", "NPM_TOKEN=b");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal("mvmci: --secret sets NPM_TOKEN twice", result.Error.Trim());
        Assert.Empty(Server.Submissions);
    }

    [Fact]
    public async Task RunRejectsAUrlAsAnAllowedHost()
    {
        var result = await RunAsync("run", "ok@1", "--allow-host", "https://api.example.com/");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--allow-host must be a host or host:port", result.Error);
        Assert.Empty(Server.Submissions);
    }
}
