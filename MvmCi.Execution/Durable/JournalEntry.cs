using System.Text.Json;
using System.Text.Json.Serialization;

namespace MvmCi.Execution.Durable;

/// <summary>
/// One recorded host call. <see cref="Kind"/> names the call; the other members hold what it returned
/// (only those that apply are written).
/// </summary>
public sealed record JournalEntry
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public const string Now = "now";
    public const string Random = "random";
    public const string Clock = "clock";
    public const string Sleep = "sleep";
    public const string Log = "log";
    public const string Progress = "progress";
    public const string Http = "http";

    public const string Started = "started";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Interrupted = "interrupted";

    [JsonPropertyName("k")]
    public required string Kind { get; init; }

    /// <summary>A number result: time (ms or ns), a clock id's value, a sleep's wake-up time.</summary>
    [JsonPropertyName("v")]
    public long? Value { get; init; }

    /// <summary>Bytes (random bytes, an HTTP body), base64.</summary>
    [JsonPropertyName("b")]
    public byte[]? Bytes { get; init; }

    /// <summary>For a clock read: the WASI clock id.</summary>
    [JsonPropertyName("id")]
    public int? ClockId { get; init; }

    /// <summary>For HTTP: started, completed, failed or interrupted.</summary>
    [JsonPropertyName("state")]
    public string? State { get; init; }

    [JsonPropertyName("method")]
    public string? Method { get; init; }

    [JsonPropertyName("url")]
    public string? Url { get; init; }

    [JsonPropertyName("idempotent")]
    public bool? Idempotent { get; init; }

    /// <summary>For HTTP: the status (completed) or the negative error code (failed, interrupted).</summary>
    [JsonPropertyName("status")]
    public int? Status { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static JournalEntry Parse(string text) =>
        JsonSerializer.Deserialize<JournalEntry>(text, Json) ?? throw new JsonException("An empty journal entry.");
}
