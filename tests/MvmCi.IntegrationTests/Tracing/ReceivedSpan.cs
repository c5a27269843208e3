namespace MvmCi.IntegrationTests.Tracing;

/// <summary>
/// One span as a service exported it over OTLP. Ids are lower-case hex, as in a W3C traceparent;
/// <see cref="ParentSpanId"/> is null for a root span. Attribute values are rendered as text.
/// </summary>
public sealed record ReceivedSpan(
    string Service,
    string Scope,
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    SpanKind Kind,
    ulong StartTimeUnixNano,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<SpanLink> Links)
{
    public string? Attribute(string key) => Attributes.TryGetValue(key, out var value) ? value : null;

    public override string ToString() =>
        $"{Service}/{Scope} '{Name}' {Kind} trace={TraceId} span={SpanId} parent={ParentSpanId ?? "-"}"
        + (Links.Count == 0 ? "" : $" links=[{string.Join(", ", Links)}]");
}
