using MvmCi.Jobs.Contracts;
using MvmCi.Testing;
using MvmCi.Jobs.State;

namespace MvmCi.Execution.Tests;

public sealed class WasiExecutorTests : IDisposable
{
    private readonly ExecutorHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task ModuleThatPrintsItsArgsSucceedsWithThatOutput()
    {
        var result = await _harness.RunAsync("echo", ["hello", "wasm world"]);

        Assert.Null(result.FailureReason);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("hello wasm world\n", result.Stdout);
        Assert.Equal("", result.Stderr);
        Assert.Equal(1, _harness.StartedCalls);
    }

    [Fact]
    public async Task OutputIsHandedOverLiveAsTheGuestWritesIt()
    {
        var result = await _harness.RunAsync("exit3");

        Assert.Equal([("stderr", "failing\n")], _harness.Output);
        Assert.Equal("failing\n", result.Stderr);
    }

    [Fact]
    public async Task LiveOutputStopsAtTheCapLikeTheStoredOutput()
    {
        using var harness = new ExecutorHarness(o => o.MaxOutputBytes = 100_000);

        await harness.RunAsync("flood");

        var marker = harness.Output[^1].Text;
        Assert.StartsWith("\n[mvmci: output truncated at 100000 bytes]", marker, StringComparison.Ordinal);
        Assert.Equal(100_000, harness.Output.SkipLast(1).Sum(o => o.Text.Length));
    }

    [Fact]
    public async Task Argv0IsTheModuleName()
    {
        var result = await _harness.RunAsync("argv0");

        Assert.Equal("argv0", result.Stdout);
    }

    [Fact]
    public async Task NonZeroExitFailsWithTheExitCodeAndKeepsStderr()
    {
        var result = await _harness.RunAsync("exit3");

        Assert.Equal(FailureReasons.ExitCode, result.FailureReason);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("failing\n", result.Stderr);
    }

    [Fact]
    public async Task InfiniteLoopIsInterruptedAtItsTimeout()
    {
        var result = await _harness.RunAsync("loop", timeoutSeconds: 1);

        Assert.Equal(FailureReasons.Timeout, result.FailureReason);
        Assert.Null(result.ExitCode);
        Assert.InRange(result.DurationMs, 900, 10_000);
    }

    [Fact]
    public async Task SpinGuestRunsToItsEnd()
    {
        var result = await _harness.RunAsync("spin");

        Assert.Equal("done\n", result.Stdout);
        Assert.True(result.FuelConsumed > 150_000_000UL);
    }

    [Fact]
    public async Task CancellingARunningGuestInterruptsIt()
    {
        using var cancel = new CancellationTokenSource();

        // Cancel once the guest really runs (not while its module compiles or it waits for a slot).
        var run = _harness.RunAsync("loop", timeoutSeconds: 60, cancellationToken: cancel.Token);
        while (_harness.StartedCalls == 0)
        {
            await Task.Delay(10);
        }
        await cancel.CancelAsync();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(30));

        // The loop never ends by itself: ending at all, as cancelled, is the interruption.
        Assert.Equal(FailureReasons.Cancelled, result.FailureReason);
    }

    [Fact]
    public async Task TrapFailsWithItsMessageAndBacktrace()
    {
        var result = await _harness.RunAsync("trap");

        Assert.Equal(FailureReasons.Trap, result.FailureReason);
        Assert.Contains("unreachable", result.FailureMessage, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("explode", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StdinReachesTheGuest()
    {
        var result = await _harness.RunAsync("cat", stdin: "line one\nline two ✓\n");

        Assert.Equal("line one\nline two ✓\n", result.Stdout);
    }

    [Fact]
    public async Task GuestWithoutStdinReadsEndOfInput()
    {
        var result = await _harness.RunAsync("cat");

        Assert.Null(result.FailureReason);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task ModuleWithoutStartIsRefusedAsNotACommand()
    {
        var result = await _harness.RunAsync("library");

        Assert.Equal(FailureReasons.InvalidModule, result.FailureReason);
        Assert.Contains("_start", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownDigestFailsWithModuleNotFound()
    {
        var request = new ExecutionRequest
        {
            JobId = "j", Attempt = 1, ModuleDigest = "sha256:missing", ModuleName = "missing", TimeoutSeconds = 1,
        };

        var result = await _harness.Executor.ExecuteAsync(request, NullObserver.Instance, CancellationToken.None);

        Assert.Equal(FailureReasons.ModuleNotFound, result.FailureReason);
    }

    [Fact]
    public async Task ModuleIsFetchedAndCompiledOncePerDigest()
    {
        await _harness.RunAsync("echo", ["a"]);
        await _harness.RunAsync("echo", ["b"]);
        var third = await _harness.RunAsync("echo", ["c"]);

        Assert.Equal("c\n", third.Stdout);
        Assert.Equal(1, _harness.Source.Reads);
    }

    [Fact]
    public async Task ConcurrentRunsKeepTheirOutputsApart()
    {
        var runs = Enumerable.Range(0, 32).Select(i => _harness.RunAsync("echo", [$"job-{i}"])).ToArray();

        var results = await Task.WhenAll(runs);

        Assert.All(results.Select((r, i) => (r, i)), x => Assert.Equal($"job-{x.i}\n", x.r.Stdout));
    }
}
