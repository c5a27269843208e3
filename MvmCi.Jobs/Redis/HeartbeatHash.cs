using System.Globalization;
using StackExchange.Redis;

namespace MvmCi.Jobs.Redis;

/// <summary>
/// Reading a heartbeat hash (a worker's or an executor's): its fields, and its state as the registry shows it,
/// offline when it said so or was not seen for <see cref="WorkerRegistry.OfflineAfter"/>.
/// </summary>
internal sealed class HeartbeatHash(HashEntry[] entries)
{
    private readonly Dictionary<string, RedisValue> _fields = entries.ToDictionary(e => e.Name.ToString(), e => e.Value, StringComparer.Ordinal);

    public string Id => _fields["id"].ToString();

    public DateTimeOffset Time(string field) => _fields.TryGetValue(field, out var v) && !v.IsNullOrEmpty
        ? DateTimeOffset.Parse(v.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
        : DateTimeOffset.MinValue;

    /// <summary>The field's text; null when missing or empty.</summary>
    public string? Text(string field) => _fields.GetValueOrDefault(field).ToString() is { Length: > 0 } text ? text : null;

    public long Number(string field) => (long)_fields.GetValueOrDefault(field, 0);

    public int? ProcessId => (int)Number("pid") is > 0 and var pid ? pid : null;

    /// <summary>The reported state (<paramref name="reported"/> when none was written), or offline when the heartbeat is stale.</summary>
    public string State(DateTimeOffset now, string reported) =>
        (Text("state") ?? reported) is var state && (state == WorkerRegistry.Offline || now - Time("lastSeen") > WorkerRegistry.OfflineAfter)
            ? WorkerRegistry.Offline
            : state;
}
