namespace MvmCi.Cli.Tests;

public sealed class AuthorizationErrorTests : FakeServerTests
{
    [Fact]
    public async Task AMissingKeyIsOneLineWithTheHintAndExitsNotAuthorized()
    {
        Server.AddKey("ci", "submit");

        var result = await RunAsync("stats");

        Assert.Equal(ExitCodes.NotAuthorized, result.ExitCode);
        Assert.Equal("mvmci: This endpoint needs an API key: none was sent. (pass --api-key or set MVMCI_API_KEY)\n", result.Error.ReplaceLineEndings("\n"));
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task AnUnknownKeyIsRefusedWithoutPrintingItEvenWhenTheServerEchoesIt()
    {
        Server.AddKey("ci", "submit");
        const string wrong = "mvmci_0badc0de_not-a-key-the-server-knows";

        var result = await RunAsync("--api-key", wrong, "jobs", "ls");

        Assert.Equal(ExitCodes.NotAuthorized, result.ExitCode);
        Assert.Equal("mvmci: The API key '***' is not known. (pass --api-key or set MVMCI_API_KEY)", result.Error.Trim());
        Assert.DoesNotContain(wrong, result.Printed);
    }

    [Fact]
    public async Task AnUnknownKeyFromTheEnvironmentIsNotPrintedEither()
    {
        Server.AddKey("ci", "submit");
        const string wrong = "mvmci_0badc0de_from-the-environment";

        var result = await RunAsync(settings => settings with { ApiKeyFromEnvironment = wrong }, "run", "ok@1", "--follow");

        Assert.Equal(ExitCodes.NotAuthorized, result.ExitCode);
        Assert.DoesNotContain(wrong, result.Printed);
        Assert.Empty(Server.Submissions);
    }

    [Fact]
    public async Task ATooLowRoleShowsTheServersDetailNamingTheRoleNeeded()
    {
        var key = Server.AddKey("viewer", "read");

        var result = await RunAsync("--api-key", key, "run", "ok@1");

        Assert.Equal(ExitCodes.NotAuthorized, result.ExitCode);
        Assert.Equal("mvmci: This needs the 'submit' role; the key 'viewer' has 'read'.\n", result.Error.ReplaceLineEndings("\n"));
        Assert.Empty(Server.Submissions);
        Assert.DoesNotContain(key, result.Printed);
    }

    [Fact]
    public async Task TooManyRequestsSaysWhenToRetryAndExitsRateLimited()
    {
        var key = Server.AddKey("ci", "submit");
        Server.RetryAfterSeconds = 12;

        var result = await RunAsync("--api-key", key, "run", "ok@1");

        Assert.Equal(ExitCodes.RateLimited, result.ExitCode);
        Assert.Equal("mvmci: Too many submissions: This key may submit 600 jobs a minute. (retry after 12 seconds)\n", result.Error.ReplaceLineEndings("\n"));
        Assert.Empty(result.Out);
        Assert.DoesNotContain(key, result.Printed);
    }
}
