using MvmCi.Cli;
using MvmCi.Testing;

namespace MvmCi.IntegrationTests;

/// <summary>The mvmci CLI against the real control plane (its own tests use a fake one).</summary>
[Collection(AppCollection.Name)]
public sealed class CliTests(MvmCiAppFixture app)
{
    private async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await MvmCiCli.RunAsync([.. args, "--server", app.Api.BaseAddress!.ToString(), "--api-key", app.AdminKey],
            new CliSettings(output, error) { HandleTermination = false });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task PushThenRunWithFollowStreamsTheOutputAndExitsWithTheJobsCode()
    {
        var wasm = Path.Combine(Path.GetTempPath(), $"exit3-{Guid.NewGuid():N}.wasm");
        await File.WriteAllBytesAsync(wasm, Guests.Wasm("exit3"));
        var version = Guid.NewGuid().ToString("N")[..8];

        var push = await RunAsync("push", wasm, "--name", $"cli-exit3@{version}");
        var run = await RunAsync("run", $"cli-exit3@{version}", "--follow");
        File.Delete(wasm);

        Assert.True(push.Exit == 0, push.Error);
        Assert.Contains("sha256:", push.Out, StringComparison.Ordinal);
        Assert.Equal(3, run.Exit);
        Assert.Contains("failing", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownJobIsOneReadableLine()
    {
        var show = await RunAsync("jobs", "show", Guid.NewGuid().ToString());

        Assert.NotEqual(0, show.Exit);
        Assert.Single(show.Error.Trim().Split('\n'));
        Assert.Contains("Job not found", show.Error, StringComparison.Ordinal);
    }
}
