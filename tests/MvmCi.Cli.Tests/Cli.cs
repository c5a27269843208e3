namespace MvmCi.Cli.Tests;

/// <summary>Runs the CLI's entry point in-process with captured stdout and stderr.</summary>
public static class Cli
{
    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(settings => settings, args);

    /// <param name="configure">Sets what the CLI reads from its environment: <c>$MVMCI_API_KEY</c>, stdin.</param>
    public static async Task<CliResult> RunAsync(Func<CliSettings, CliSettings> configure, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await MvmCiCli.RunAsync(args, configure(new CliSettings(output, error) { HandleTermination = false }));
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>The arguments with <c>--server</c> first, so that it never lands after a <c>--</c>.</summary>
    public static string[] Against(FakeControlPlane server, params string[] args) => ["--server", server.Url.ToString(), .. args];
}
