using MvmCi.Jobs.Security;

namespace MvmCi.Jobs.Tests;

public sealed class ApiKeyStoreTests(RedisFixture redis) : RedisStoreTests(redis, "sha256:" + new string('a', 64))
{
    private ApiKeyStore Keystore => new(Connection, Keys, TimeProvider.System);

    [Fact]
    public async Task AKeyIsFoundByItsValueOnlyAndStoredAsAHash()
    {
        var created = await Keystore.CreateAsync("ci", ApiRoles.Submit, 600, 30, CancellationToken.None);
        Assert.StartsWith(ApiKeyFormat.Prefix + created.Record.Id + "_", created.Key, StringComparison.Ordinal);
        Assert.Equal(created.Record, await Keystore.FindAsync(created.Key, CancellationToken.None));

        // The same id with another secret, a key of another format, a truncated key: not found.
        Assert.Null(await Keystore.FindAsync(created.Key[..^1] + (created.Key[^1] == 'a' ? 'b' : 'a'), CancellationToken.None));
        Assert.Null(await Keystore.FindAsync("not-a-key", CancellationToken.None));
        Assert.Null(await Keystore.FindAsync(created.Key[..20], CancellationToken.None));

        var fields = await Db.HashGetAllAsync(Keys.ApiKey(created.Record.Id));
        Assert.DoesNotContain(fields, f => f.Value.ToString().Contains(created.Key[^30..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeysAreListedInCreationOrderAndARevokedKeyIsGone()
    {
        var first = await Keystore.CreateAsync("first", ApiRoles.Read, null, null, CancellationToken.None);
        var second = await Keystore.CreateAsync("second", ApiRoles.Admin, null, null, CancellationToken.None);
        Assert.Equal([first.Record.Id, second.Record.Id], (await Keystore.ListAsync(CancellationToken.None)).Select(k => k.Id));

        Assert.True(await Keystore.RevokeAsync(first.Record.Id, CancellationToken.None));
        Assert.False(await Keystore.RevokeAsync(first.Record.Id, CancellationToken.None));
        Assert.Null(await Keystore.FindAsync(first.Key, CancellationToken.None));
        Assert.Equal([second.Record.Id], (await Keystore.ListAsync(CancellationToken.None)).Select(k => k.Id));
    }

    [Theory]
    [InlineData(ApiRoles.Read, ApiRoles.Read, true)]
    [InlineData(ApiRoles.Read, ApiRoles.Submit, false)]
    [InlineData(ApiRoles.Submit, ApiRoles.Read, true)]
    [InlineData(ApiRoles.Submit, ApiRoles.Admin, false)]
    [InlineData(ApiRoles.Admin, ApiRoles.Submit, true)]
    [InlineData("root", ApiRoles.Read, false)]
    [InlineData(null, ApiRoles.Read, false)]
    public void RolesIncludeTheOnesBelow(string? role, string required, bool granted) =>
        Assert.Equal(granted, ApiRoles.Grants(role, required));
}
