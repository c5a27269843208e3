using System.Text.Json.Serialization;

namespace MvmCi.Cli.Client;

/// <summary>The body of <c>POST /api/keys</c>; without a rate, the server's default limit applies.</summary>
public sealed record KeyRequest(
    string Name,
    string Role,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? SubmitsPerMinute,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? UploadsPerMinute = null);
