namespace MvmCi.Cli.Tests;

public sealed class PushCommandTests : FakeServerTests
{
    [Fact]
    public async Task PushUploadsTheModuleAsWasmAndPrintsItsDigestAndName()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

            var result = await RunAsync("push", path, "--name", "app@1");

            Assert.Equal(0, result.ExitCode);
            Assert.Equal($"{FakeControlPlane.Digest} app@1", result.Out.Trim());
            Assert.Contains("POST /api/modules?name=app&version=1", Server.Requests);
            Assert.Equal("application/wasm", Server.LastModuleContentType);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task PushOfAMissingFileIsOneLineAndSendsNothing()
    {
        var result = await RunAsync("push", "/nonexistent/app.wasm", "--name", "app@1");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal("mvmci: file not found: /nonexistent/app.wasm", result.Error.Trim());
        Assert.DoesNotContain(Server.Requests, r => r.StartsWith("POST", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PushRejectsANameWithoutVersion()
    {
        var result = await RunAsync("push", "app.wasm", "--name", "app");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("name@version", result.Error);
    }
}
