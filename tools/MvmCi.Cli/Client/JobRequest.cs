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

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Input { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? TimeoutSeconds { get; init; }
}
