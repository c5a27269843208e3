namespace MvmCi.IntegrationTests.Tracing;

/// <summary>The OTLP span kinds (opentelemetry/proto/trace/v1/trace.proto, Span.SpanKind).</summary>
public enum SpanKind
{
    Unspecified = 0,
    Internal = 1,
    Server = 2,
    Client = 3,
    Producer = 4,
    Consumer = 5,
}
