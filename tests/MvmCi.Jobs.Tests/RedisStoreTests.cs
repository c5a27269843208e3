using MvmCi.Jobs.Redis;
using StackExchange.Redis;

namespace MvmCi.Jobs.Tests;

/// <summary>
/// What the store test classes share: one redis-server per class, a keyspace of each test's own, and a module in the
/// registry (submits are refused for a module that is not, or no longer, there).
/// </summary>
public abstract class RedisStoreTests : IClassFixture<RedisFixture>
{
    protected RedisStoreTests(RedisFixture redis, string moduleDigest)
    {
        Redis = redis;
        Db.HashSet(Keys.Module(moduleDigest), "digest", moduleDigest);
    }

    protected RedisFixture Redis { get; }

    protected RedisKeys Keys { get; } = RedisFixture.NewKeyspace();

    protected ConnectionMultiplexer Connection => Redis.Server.Connection;

    protected IDatabase Db => Connection.GetDatabase();

    protected JobStore Store => new(Connection, Keys, TimeProvider.System);

    protected JobQueue Queue => new(Connection, Keys);
}
