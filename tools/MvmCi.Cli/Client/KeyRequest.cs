using System.Text.Json.Serialization;

namespace MvmCi.Cli.Client;

/// <summary>The body of <c>POST /api/keys</c>; without <see cref="SubmitsPerMinute"/> the server's default limit applies.</summary>
public sealed record KeyRequest(
    string Name,
    string Role,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? SubmitsPerMinute);
