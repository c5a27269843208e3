namespace MvmCi.IntegrationTests.Tracing;

/// <summary>
/// Reads the log records out of an OTLP <c>ExportLogsServiceRequest</c> (protobuf), per opentelemetry-proto's
/// <c>collector/logs/v1/logs_service.proto</c> and <c>logs/v1/logs.proto</c>: resource_logs = 1 → (resource = 1,
/// scope_logs = 2) → (scope = 1, log_records = 2) → LogRecord (body = 5, attributes = 6, trace_id = 9, span_id = 10).
/// </summary>
public static class OtlpLogDecoder
{
    public static IReadOnlyList<ReceivedLogRecord> Decode(ReadOnlySpan<byte> exportLogsServiceRequest)
    {
        var records = new List<ReceivedLogRecord>();
        foreach (var resourceLogs in Children(exportLogsServiceRequest, 1))
        {
            var service = "";
            foreach (var resource in Children(resourceLogs, 1))
            {
                service = OtlpTraceDecoder.ReadResourceServiceName(resource);
            }
            foreach (var scopeLogs in Children(resourceLogs, 2))
            {
                var category = "";
                foreach (var scope in Children(scopeLogs, 1))
                {
                    category = OtlpTraceDecoder.ReadScopeName(scope);
                }
                foreach (var record in Children(scopeLogs, 2))
                {
                    records.Add(ReadRecord(record, service, category));
                }
            }
        }
        return records;
    }

    private static ReceivedLogRecord ReadRecord(byte[] message, string service, string category)
    {
        var body = "";
        string? traceId = null;
        string? spanId = null;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new ProtobufReader(message);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field, wireType)
            {
                case (5, ProtobufReader.LengthDelimited):
                    body = OtlpTraceDecoder.ReadAnyValue(reader.ReadLengthDelimited());
                    break;
                case (6, ProtobufReader.LengthDelimited):
                    OtlpTraceDecoder.ReadKeyValue(reader.ReadLengthDelimited(), attributes);
                    break;
                case (9, ProtobufReader.LengthDelimited):
                    traceId = OtlpTraceDecoder.IdOrNull(reader.ReadLengthDelimited());
                    break;
                case (10, ProtobufReader.LengthDelimited):
                    spanId = OtlpTraceDecoder.IdOrNull(reader.ReadLengthDelimited());
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }
        return new ReceivedLogRecord(service, category, body, traceId, spanId, attributes);
    }

    /// <summary>The length-delimited children with field number <paramref name="number"/> (copied: a span cannot be kept across iterations).</summary>
    private static List<byte[]> Children(ReadOnlySpan<byte> message, int number)
    {
        var children = new List<byte[]>();
        var reader = new ProtobufReader(message);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (field == number && wireType == ProtobufReader.LengthDelimited)
            {
                children.Add(reader.ReadLengthDelimited().ToArray());
            }
            else
            {
                reader.Skip(wireType);
            }
        }
        return children;
    }
}
