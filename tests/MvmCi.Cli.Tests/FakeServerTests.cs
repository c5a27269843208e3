namespace MvmCi.Cli.Tests;

/// <summary>Starts a <see cref="FakeControlPlane"/> for each test.</summary>
public abstract class FakeServerTests : IAsyncLifetime
{
    protected FakeControlPlane Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await FakeControlPlane.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    protected Task<CliResult> RunAsync(params string[] args) => Cli.RunAsync(Cli.Against(Server, args));

    protected Task<CliResult> RunAsync(Func<CliSettings, CliSettings> configure, params string[] args) => Cli.RunAsync(configure, Cli.Against(Server, args));
}
