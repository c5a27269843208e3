using Microsoft.Extensions.Options;
using MvmCi.Jobs.Redis;
using MvmCi.Testing;

namespace MvmCi.Jobs.Tests;

/// <summary>One redis-server for the test class; each test takes its own key prefix.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private RedisServer? _server;

    public RedisServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public static RedisKeys NewKeyspace() =>
        new(Options.Create(new KeyspaceOptions { Prefix = "t" + Guid.NewGuid().ToString("N")[..12] }));

    public async Task InitializeAsync() => _server = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
