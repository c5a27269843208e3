using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.Redis;

namespace MvmCi.Jobs.Tests;

public sealed class ModuleStoreTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private readonly ModuleStore _store = new(redis.Server.Connection, RedisFixture.NewKeyspace(), TimeProvider.System);

    private static readonly ModuleSymbol[] Exports = [new(null, "_start", "function")];

    private static string Digest(char c) => "sha256:" + new string(c, 64);

    [Fact]
    public async Task SameBytesTwiceKeepOneModule()
    {
        var first = await _store.PutAsync(Digest('a'), new byte[] { 1, 2, 3 }, [], Exports, null, CancellationToken.None);
        var second = await _store.PutAsync(Digest('a'), new byte[] { 1, 2, 3 }, [], Exports, null, CancellationToken.None);

        Assert.Equal(ModulePutOutcome.Created, first.Outcome);
        Assert.Equal(ModulePutOutcome.Exists, second.Outcome);
        Assert.Single(await _store.ListAsync(10, CancellationToken.None));
        Assert.Equal(new byte[] { 1, 2, 3 }, await _store.GetBytesAsync(Digest('a'), CancellationToken.None));
    }

    [Fact]
    public async Task AliasResolvesToItsDigestAndIsImmutable()
    {
        await _store.PutAsync(Digest('a'), new byte[] { 1 }, [], Exports, "app@1", CancellationToken.None);

        var conflict = await _store.PutAsync(Digest('b'), new byte[] { 2 }, [], Exports, "app@1", CancellationToken.None);

        Assert.Equal(ModulePutOutcome.AliasConflict, conflict.Outcome);
        Assert.Equal(Digest('a'), conflict.BoundDigest);
        Assert.Equal(Digest('a'), await _store.ResolveAsync("app@1", CancellationToken.None));
        Assert.Null(await _store.GetAsync(Digest('b'), null, CancellationToken.None));
    }

    [Fact]
    public async Task OneModuleCanCarrySeveralAliases()
    {
        await _store.PutAsync(Digest('c'), new byte[] { 3 }, [], Exports, "app@1", CancellationToken.None);
        await _store.PutAsync(Digest('c'), new byte[] { 3 }, [], Exports, "app@latest", CancellationToken.None);

        var module = await _store.GetAsync(Digest('c'), "app@latest", CancellationToken.None);

        Assert.Equal(["app@1", "app@latest"], module!.Aliases);
        Assert.Equal(("app", "latest"), (module.Name, module.Version));
    }

    [Fact]
    public async Task UnknownReferencesResolveToNothing()
    {
        Assert.Null(await _store.ResolveAsync("nope@1", CancellationToken.None));
        Assert.Null(await _store.ResolveAsync(Digest('f'), CancellationToken.None));
    }

    [Fact]
    public async Task ResolvingForARunGivesTheDigestAndTheGuestsName()
    {
        await _store.PutAsync(Digest('d'), new byte[] { 4 }, [], Exports, "tool@3", CancellationToken.None);
        await _store.PutAsync(Digest('e'), new byte[] { 5 }, [], Exports, null, CancellationToken.None);

        Assert.Equal((Digest('d'), "tool"), await _store.ResolveForRunAsync("tool@3", CancellationToken.None));
        Assert.Equal((Digest('d'), "tool"), await _store.ResolveForRunAsync(Digest('d'), CancellationToken.None));
        Assert.Equal((Digest('e'), "sha256:eeeeeeeeeeee"), await _store.ResolveForRunAsync(Digest('e'), CancellationToken.None));
        Assert.Null(await _store.ResolveForRunAsync("tool@4", CancellationToken.None));
        Assert.Null(await _store.ResolveForRunAsync(Digest('0'), CancellationToken.None));
    }
}
