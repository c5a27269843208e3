using System.Net;
using System.Net.Sockets;

namespace MvmCi.Cli.Tests;

public sealed class ErrorTests
{
    [Theory]
    [InlineData("stats")]
    [InlineData("workers")]
    [InlineData("jobs", "ls")]
    [InlineData("run", "ok@1", "--follow")]
    public async Task AnUnreachableServerIsOneLineWithoutStackTrace(params string[] command)
    {
        var server = $"http://127.0.0.1:{ClosedPort()}";

        var result = await Cli.RunAsync(["--server", server, .. command]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal($"mvmci: cannot reach {server}: connection refused\n", result.Error.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("   at ", result.Error);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task TheServerComesFromTheEnvironmentWhenNoneIsGiven()
    {
        await using var server = await FakeControlPlane.StartAsync();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await MvmCiCli.RunAsync(["stats"], new CliSettings(output, error) { ServerFromEnvironment = server.Url.ToString(), HandleTermination = false });

        Assert.Equal(0, code);
        Assert.Contains("GET /api/queue/stats", server.Requests);
    }

    [Fact]
    public async Task TheDefaultServerIsLocalhost3020()
    {
        var result = await Cli.RunAsync("stats", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("http://localhost:3020", result.Out);
    }

    [Fact]
    public async Task AnUnknownCommandIsOneLineAndExitsTwo()
    {
        var result = await Cli.RunAsync("deploy");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.StartsWith("mvmci: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadServerAddressIsOneLine()
    {
        var result = await Cli.RunAsync("--server", "ftp://example", "stats");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal("mvmci: 'ftp://example' is not a server address: give one like http://localhost:3020", result.Error.Trim());
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
