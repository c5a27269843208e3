namespace MvmCi.IntegrationTests.Tracing;

/// <summary>One log record a service exported: its text, the span it was written in, and its attributes (log scopes included).</summary>
public sealed record ReceivedLogRecord(
    string Service, string Category, string Body, string? TraceId, string? SpanId, IReadOnlyDictionary<string, string> Attributes);
