using System.Text.Json;

namespace MvmCi.Cli.Tests;

public sealed class ApiKeyTests : FakeServerTests
{
    [Fact]
    public async Task TheKeyFromTheFlagIsSentAsBearerOnEveryRequestIncludingTheLogStream()
    {
        var key = Server.AddKey("ci", "submit");

        var result = await RunAsync("--api-key", key, "run", "ok@1", "--follow");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(Server.Authorizations, a => a.Request.EndsWith("/logs?follow=true", StringComparison.Ordinal));
        Assert.All(Server.Authorizations, a => Assert.Equal($"Bearer {key}", a.Authorization));
        Assert.DoesNotContain(key, result.Printed);
    }

    [Fact]
    public async Task TheKeyComesFromTheEnvironmentWhenNoFlagIsGiven()
    {
        var key = Server.AddKey("ci", "read");

        var result = await RunAsync(settings => settings with { ApiKeyFromEnvironment = key }, "stats");

        Assert.Equal(0, result.ExitCode);
        var request = Assert.Single(Server.Authorizations);
        Assert.Equal(("GET /api/queue/stats", $"Bearer {key}"), request);
    }

    [Fact]
    public async Task TheFlagBeatsTheEnvironment()
    {
        var key = Server.AddKey("ci", "read");

        var result = await RunAsync(settings => settings with { ApiKeyFromEnvironment = "mvmci_unknown_from_environment" }, "--api-key", key, "stats");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"Bearer {key}", Assert.Single(Server.Authorizations).Authorization);
    }

    [Fact]
    public async Task TheKeyOptionCanFollowTheCommandLikeServer()
    {
        var key = Server.AddKey("ci", "read");

        var result = await RunAsync("jobs", "ls", "--api-key", key);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"Bearer {key}", Assert.Single(Server.Authorizations).Authorization);
    }

    [Fact]
    public async Task WithoutAKeyNoAuthorizationIsSent()
    {
        var result = await RunAsync("stats");

        Assert.Equal(0, result.ExitCode);
        Assert.Null(Assert.Single(Server.Authorizations).Authorization);
    }

    [Fact]
    public async Task HelpNamesTheVariableButNeverShowsTheKeyFromTheEnvironment()
    {
        const string key = "mvmci_help0000_never-shown-in-help";

        var result = await RunAsync(settings => settings with { ApiKeyFromEnvironment = key }, "stats", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--api-key", result.Out);
        Assert.Contains("$MVMCI_API_KEY", result.Out);
        Assert.DoesNotContain(key, result.Printed);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("mvmci_abc def")]
    [InlineData("mvmci_abc\r\nX-Injected: yes")]
    public async Task AKeyThatCannotBeAHeaderIsAUsageErrorThatDoesNotShowIt(string key)
    {
        var result = await RunAsync("--api-key", key, "stats");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("mvmci: --api-key ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("mvmci_abc", result.Printed);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task ABadKeyInTheEnvironmentIsAUsageErrorThatDoesNotShowIt()
    {
        var result = await RunAsync(settings => settings with { ApiKeyFromEnvironment = "mvmci_abc def" }, "stats");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal("mvmci: $MVMCI_API_KEY must be printable ASCII without spaces", result.Error.Trim());
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task WhoamiPrintsTheKeysIdNameAndRole()
    {
        var key = Server.AddKey("ci", "submit");

        var result = await RunAsync("--api-key", key, "whoami");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches($@"(?m)^id:\s+{Server.ApiKeys[key].Id}$", result.Out);
        Assert.Matches(@"(?m)^name:\s+ci$", result.Out);
        Assert.Matches(@"(?m)^role:\s+submit$", result.Out);
        Assert.Contains("GET /api/whoami", Server.Requests);
        Assert.DoesNotContain(key, result.Printed);
    }

    [Fact]
    public async Task WhoamiAsJson()
    {
        var key = Server.AddKey("ci", "admin");

        var result = await RunAsync(settings => settings with { ApiKeyFromEnvironment = key }, "whoami", "-o", "json");

        using var document = JsonDocument.Parse(result.Out);
        Assert.Equal(Server.ApiKeys[key].Id, document.RootElement.GetProperty("id").GetString());
        Assert.Equal("admin", document.RootElement.GetProperty("role").GetString());
    }
}
