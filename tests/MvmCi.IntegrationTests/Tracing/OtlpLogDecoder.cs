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
        foreach (var resourceLogs in ProtobufReader.Fields(exportLogsServiceRequest, 1))
        {
            var service = ProtobufReader.Fields(resourceLogs, 1).Select(r => OtlpTraceDecoder.ReadResourceServiceName(r)).LastOrDefault() ?? "";
            foreach (var scopeLogs in ProtobufReader.Fields(resourceLogs, 2))
            {
                var category = ProtobufReader.Fields(scopeLogs, 1).Select(s => OtlpTraceDecoder.ReadScopeName(s)).LastOrDefault() ?? "";
                foreach (var record in ProtobufReader.Fields(scopeLogs, 2))
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
}
