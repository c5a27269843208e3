using System.Text.Json;

namespace MvmCi.Cli.Tests;

public sealed class SecretsCommandTests : FakeServerTests
{
    [Fact]
    public async Task SetReadsTheValueFromStdinAndNeverPrintsIt()
    {
        var admin = Server.AddKey("root", "admin");

        var result = await RunAsync(settings => settings with { Input = new StringReader("s3cr3t-from-stdin\n") }, "--api-key", admin, "secrets", "set", "npm-token");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("s3cr3t-from-stdin", Server.Secrets["npm-token"]);
        Assert.Equal("set secret npm-token", result.Out.Trim());
        Assert.Contains("PUT /api/secrets/npm-token", Server.Requests);
        Assert.DoesNotContain("s3cr3t-from-stdin", result.Printed);
        Assert.DoesNotContain(admin, result.Printed);
    }

    [Fact]
    public async Task SetKeepsAMultiLineValueFromStdinButNotItsFinalLineBreak()
    {
        var admin = Server.AddKey("root", "admin");

        var result = await RunAsync(settings => settings with { Input = new StringReader("-----BEGIN KEY-----\nabc\n-----END KEY-----\n") },
            "--api-key", admin, "secrets", "set", "deploy-key");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("-----BEGIN KEY-----\nabc\n-----END KEY-----", Server.Secrets["deploy-key"]);
    }

    [Fact]
    public async Task SetTakesTheValueFromTheValueOptionBeforeStdin()
    {
        var admin = Server.AddKey("root", "admin");

        var result = await RunAsync(settings => settings with { Input = new StringReader("not-this-one") },
            "--api-key", admin, "secrets", "set", "npm-token", "--value", "s3cr3t-from-flag");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("s3cr3t-from-flag", Server.Secrets["npm-token"]);
        Assert.DoesNotContain("s3cr3t-from-flag", result.Printed);
    }

    [Fact]
    public async Task SetOfAnEmptyValueIsAUsageErrorAndSendsNothing()
    {
        var admin = Server.AddKey("root", "admin");

        var result = await RunAsync(settings => settings with { Input = new StringReader("\n") }, "--api-key", admin, "secrets", "set", "npm-token");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal("mvmci: the value of secret 'npm-token' is empty: give it with --value or on stdin", result.Error.Trim());
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task SetWithATooLowRoleDoesNotPrintTheValue()
    {
        var ci = Server.AddKey("ci", "submit");

        var result = await RunAsync("--api-key", ci, "secrets", "set", "npm-token", "--value", "s3cr3t-from-flag");

        Assert.Equal(ExitCodes.NotAuthorized, result.ExitCode);
        Assert.Contains("'admin' role", result.Error);
        Assert.DoesNotContain("s3cr3t-from-flag", result.Printed);
        Assert.Empty(Server.Secrets);
    }

    [Fact]
    public async Task LsPrintsNamesAndTimesButNeverValues()
    {
        var admin = Server.AddKey("root", "admin");
        Server.Secrets["npm-token"] = "value-one";
        Server.Secrets["docker-password"] = "value-two";

        var result = await RunAsync("--api-key", admin, "secrets", "ls");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.TrimEnd().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^NAME\s+UPDATED$", lines[0]);
        Assert.Matches(@"^docker-password\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", lines[1]);
        Assert.Matches(@"^npm-token\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", lines[2]);
        Assert.DoesNotContain("value-", result.Printed);
    }

    [Fact]
    public async Task LsAsJson()
    {
        var admin = Server.AddKey("root", "admin");
        Server.Secrets["npm-token"] = "value-one";

        var result = await RunAsync("--api-key", admin, "secrets", "ls", "-o", "json");

        using var document = JsonDocument.Parse(result.Out);
        var secret = Assert.Single(document.RootElement.GetProperty("secrets").EnumerateArray());
        Assert.Equal("npm-token", secret.GetProperty("name").GetString());
        Assert.Equal(FakeControlPlane.SecretsUpdatedAt, secret.GetProperty("updatedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task RmRemovesTheSecret()
    {
        var admin = Server.AddKey("root", "admin");
        Server.Secrets["npm-token"] = "value-one";

        var result = await RunAsync("--api-key", admin, "secrets", "rm", "npm-token");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("removed secret npm-token", result.Out.Trim());
        Assert.Contains("DELETE /api/secrets/npm-token", Server.Requests);
        Assert.Empty(Server.Secrets);
    }

    [Fact]
    public async Task RmOfAnUnknownSecretPrintsTheProblem()
    {
        var admin = Server.AddKey("root", "admin");

        var result = await RunAsync("--api-key", admin, "secrets", "rm", "nope");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal("mvmci: Secret not found: No secret is named 'nope'.", result.Error.Trim());
    }
}
