using System.Text.Json;

namespace MvmCi.Cli.Tests;

public sealed class KeysCommandTests : FakeServerTests
{
    [Fact]
    public async Task CreatePrintsTheNewKeyAloneOnStdoutAndWhatItIsOnStderr()
    {
        var admin = Server.AddKey("root", "admin");

        var result = await RunAsync("--api-key", admin, "keys", "create", "ci", "--role", "submit", "--submits-per-minute", "600", "--uploads-per-minute", "20");

        Assert.Equal(0, result.ExitCode);
        var (key, created) = Assert.Single(Server.ApiKeys, k => k.Value.Name == "ci");
        Assert.Equal($"{key}\n", result.Out.ReplaceLineEndings("\n"));
        Assert.Equal($"mvmci: created key {created.Id} 'ci' (role submit, 600 submits a minute); store it now, it is not shown again:", result.Error.Trim());
        var body = Assert.Single(Server.KeyRequests);
        Assert.Equal("ci", (string?)body["name"]);
        Assert.Equal("submit", (string?)body["role"]);
        Assert.Equal(600, (int?)body["submitsPerMinute"]);
        Assert.Equal(20, (int?)body["uploadsPerMinute"]);
        Assert.DoesNotContain(admin, result.Printed);
    }

    [Fact]
    public async Task TheCapturedKeyIsTheOneTheServerAccepts()
    {
        var admin = Server.AddKey("root", "admin");

        var created = await RunAsync("--api-key", admin, "keys", "create", "ci", "--role", "read");
        var whoami = await RunAsync("--api-key", created.Out.Trim(), "whoami");

        Assert.Equal(0, whoami.ExitCode);
        Assert.Matches(@"(?m)^name:\s+ci$", whoami.Out);
        Assert.Matches(@"(?m)^role:\s+read$", whoami.Out);
    }

    [Fact]
    public async Task CreateWithoutALimitLeavesItToTheServer()
    {
        var admin = Server.AddKey("root", "admin");

        var result = await RunAsync("--api-key", admin, "keys", "create", "ci", "--role", "submit");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["name", "role"], Assert.Single(Server.KeyRequests).Select(p => p.Key));
        Assert.Contains("the server's default submit limit", result.Error);
    }

    [Fact]
    public async Task CreateAsJsonIncludesTheKey()
    {
        var admin = Server.AddKey("root", "admin");

        var result = await RunAsync("--api-key", admin, "keys", "create", "ci", "--role", "admin", "-o", "json");

        using var document = JsonDocument.Parse(result.Out);
        var key = document.RootElement.GetProperty("key").GetString()!;
        Assert.Equal("ci", Server.ApiKeys[key].Name);
        Assert.Equal("admin", document.RootElement.GetProperty("role").GetString());
    }

    [Theory]
    [InlineData("keys", "create", "ci", "--role", "owner")]
    [InlineData("keys", "create", "ci")]
    [InlineData("keys", "create", "ci", "--role", "submit", "--submits-per-minute", "0")]
    [InlineData("keys", "create", "ci", "--role", "submit", "--uploads-per-minute", "0")]
    public async Task CreateRejectsABadRoleOrLimitBeforeAskingTheServer(params string[] command)
    {
        var result = await RunAsync(command);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task LsPrintsEveryKeyWithoutItsValue()
    {
        var admin = Server.AddKey("root", "admin");
        var ci = Server.AddKey("ci", "submit", submitsPerMinute: 600);

        var result = await RunAsync("--api-key", admin, "keys", "ls");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.TrimEnd().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^ID\s+NAME\s+ROLE\s+SUBMITS/MIN\s+CREATED$", lines[0]);
        Assert.Matches($@"^{Server.ApiKeys[admin].Id}\s+root\s+admin\s+default\s", lines[1]);
        Assert.Matches($@"^{Server.ApiKeys[ci].Id}\s+ci\s+submit\s+600\s", lines[2]);
        Assert.DoesNotContain(admin, result.Printed);
        Assert.DoesNotContain(ci, result.Printed);
    }

    [Fact]
    public async Task LsAsJson()
    {
        var admin = Server.AddKey("root", "admin");

        var result = await RunAsync("--api-key", admin, "keys", "ls", "-o", "json");

        using var document = JsonDocument.Parse(result.Out);
        var key = Assert.Single(document.RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal("root", key.GetProperty("name").GetString());
        Assert.False(key.TryGetProperty("key", out _));
    }

    [Fact]
    public async Task RevokeDeletesTheKeyAndTheServerRefusesItAfterwards()
    {
        var admin = Server.AddKey("root", "admin");
        var ci = Server.AddKey("ci", "submit");
        var id = Server.ApiKeys[ci].Id;

        var result = await RunAsync("--api-key", admin, "keys", "revoke", id);
        var afterwards = await RunAsync("--api-key", ci, "whoami");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"revoked key {id}", result.Out.Trim());
        Assert.Contains($"DELETE /api/keys/{id}", Server.Requests);
        Assert.Equal(ExitCodes.NotAuthorized, afterwards.ExitCode);
        Assert.DoesNotContain(ci, afterwards.Printed);
    }

    [Fact]
    public async Task RevokeOfAnUnknownIdPrintsTheProblem()
    {
        var admin = Server.AddKey("root", "admin");

        var result = await RunAsync("--api-key", admin, "keys", "revoke", "nope");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal("mvmci: Key not found: No API key has the id 'nope'.", result.Error.Trim());
    }

    [Fact]
    public async Task RevokeRefusesAKeyWhereItsIdBelongsWithoutPrintingIt()
    {
        var admin = Server.AddKey("root", "admin");
        var ci = Server.AddKey("ci", "submit");

        var result = await RunAsync("--api-key", admin, "keys", "revoke", ci);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.DoesNotContain(ci, result.Printed);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task KeysNeedAnAdminKey()
    {
        var ci = Server.AddKey("ci", "submit");

        var result = await RunAsync("--api-key", ci, "keys", "ls");

        Assert.Equal(ExitCodes.NotAuthorized, result.ExitCode);
        Assert.Equal("mvmci: This needs the 'admin' role; the key 'ci' has 'submit'.", result.Error.Trim());
    }
}
