namespace MvmCi.IntegrationTests.Tracing;

/// <summary>A link of a span to another span, possibly of another trace.</summary>
public sealed record SpanLink(string TraceId, string SpanId)
{
    public override string ToString() => $"{TraceId}/{SpanId}";
}
