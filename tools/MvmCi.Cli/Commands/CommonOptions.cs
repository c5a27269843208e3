using System.CommandLine;
using MvmCi.Cli.Client;

namespace MvmCi.Cli.Commands;

/// <summary>The options several commands share, and the client built from <c>--server</c> and <c>--api-key</c>.</summary>
public static class CommonOptions
{
    public const string ServerName = "--server";
    public const string DefaultServer = "http://localhost:3020";
    public const string Table = "table";
    public const string Json = "json";

    public static Option<string> Server(string? fromEnvironment) => new(ServerName, "-s")
    {
        Description = $"The control plane's address (default: $MVMCI_URL, else {DefaultServer}).",
        Recursive = true,
        DefaultValueFactory = _ => string.IsNullOrWhiteSpace(fromEnvironment) ? DefaultServer : fromEnvironment,
    };

    public static Option<string> Output()
    {
        var option = new Option<string>("--output", "-o")
        {
            Description = "Output format: table (default) or json.",
            DefaultValueFactory = _ => Table,
        };
        option.AcceptOnlyFromAmong(Table, Json);
        return option;
    }

    public static MvmCiClient ClientFor(ParseResult parsed)
    {
        var server = parsed.GetValue<string>(ServerName) ?? DefaultServer;
        var text = server.Contains("://", StringComparison.Ordinal) ? server : "http://" + server;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"'{server}' is not a server address: give one like {DefaultServer}");
        }
        return new MvmCiClient(uri, ApiKeyOption.KeyFor(parsed));
    }
}
