using System.Text.Json.Serialization;

namespace MvmCi.Cli.Client;

/// <summary>The body of <c>POST /api/jobs</c> as the CLI sends it: fields left null are not sent, so the server's defaults apply.</summary>
public sealed record JobRequest
{
    public required string Module { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Args { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Env { get; init; }

    /// <summary>Environment variable → name of the stored secret the worker sets it from.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Secrets { get; init; }

    /// <summary>Hosts (<c>host</c> or <c>host:port</c>) the guest may reach through the durable HTTP host API.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? HttpAllowedHosts { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Input { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? TimeoutSeconds { get; init; }
}
