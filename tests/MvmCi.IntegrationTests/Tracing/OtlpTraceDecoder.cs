using System.Globalization;

namespace MvmCi.IntegrationTests.Tracing;

/// <summary>
/// Reads the spans out of an OTLP <c>ExportTraceServiceRequest</c> (protobuf). Field numbers are those of
/// opentelemetry-proto: <c>collector/trace/v1/trace_service.proto</c>, <c>trace/v1/trace.proto</c>,
/// <c>common/v1/common.proto</c> and <c>resource/v1/resource.proto</c>. Only what the tests look at is decoded.
/// </summary>
public static class OtlpTraceDecoder
{
    private const string ServiceNameKey = "service.name";

    public static IReadOnlyList<ReceivedSpan> Decode(ReadOnlySpan<byte> exportTraceServiceRequest)
    {
        var spans = new List<ReceivedSpan>();
        // ExportTraceServiceRequest: resource_spans = 1; ResourceSpans: resource = 1, scope_spans = 2.
        foreach (var resourceSpans in ProtobufReader.Fields(exportTraceServiceRequest, 1))
        {
            var service = ProtobufReader.Fields(resourceSpans, 1).Select(r => ReadResourceServiceName(r)).LastOrDefault() ?? "";
            foreach (var scopeSpans in ProtobufReader.Fields(resourceSpans, 2))
            {
                // ScopeSpans: scope = 1 (InstrumentationScope: name = 1), spans = 2.
                var scope = ProtobufReader.Fields(scopeSpans, 1).Select(s => ReadScopeName(s)).LastOrDefault() ?? "";
                spans.AddRange(ProtobufReader.Fields(scopeSpans, 2).Select(span => ReadSpan(span, service, scope)));
            }
        }
        return spans;
    }

    // Resource: attributes = 1 (KeyValue).
    internal static string ReadResourceServiceName(ReadOnlySpan<byte> message)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new ProtobufReader(message);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (field == 1 && wireType == ProtobufReader.LengthDelimited)
            {
                ReadKeyValue(reader.ReadLengthDelimited(), attributes);
            }
            else
            {
                reader.Skip(wireType);
            }
        }
        return attributes.GetValueOrDefault(ServiceNameKey, "");
    }

    internal static string ReadScopeName(ReadOnlySpan<byte> message)
    {
        var name = "";
        var reader = new ProtobufReader(message);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (field == 1 && wireType == ProtobufReader.LengthDelimited)
            {
                name = reader.ReadString();
            }
            else
            {
                reader.Skip(wireType);
            }
        }
        return name;
    }

    // Span: trace_id = 1, span_id = 2, parent_span_id = 4, name = 5, kind = 6,
    // start_time_unix_nano = 7 (fixed64), attributes = 9, links = 13.
    private static ReceivedSpan ReadSpan(ReadOnlySpan<byte> message, string service, string scope)
    {
        string traceId = "", spanId = "", name = "";
        string? parentSpanId = null;
        var kind = SpanKind.Unspecified;
        ulong start = 0;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var links = new List<SpanLink>();
        var reader = new ProtobufReader(message);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field, wireType)
            {
                case (1, ProtobufReader.LengthDelimited):
                    traceId = Hex(reader.ReadLengthDelimited());
                    break;
                case (2, ProtobufReader.LengthDelimited):
                    spanId = Hex(reader.ReadLengthDelimited());
                    break;
                case (4, ProtobufReader.LengthDelimited):
                    parentSpanId = IdOrNull(reader.ReadLengthDelimited());
                    break;
                case (5, ProtobufReader.LengthDelimited):
                    name = reader.ReadString();
                    break;
                case (6, ProtobufReader.Varint):
                    kind = (SpanKind)(int)reader.ReadVarint();
                    break;
                case (7, ProtobufReader.Fixed64):
                    start = reader.ReadFixed64();
                    break;
                case (9, ProtobufReader.LengthDelimited):
                    ReadKeyValue(reader.ReadLengthDelimited(), attributes);
                    break;
                case (13, ProtobufReader.LengthDelimited):
                    links.Add(ReadLink(reader.ReadLengthDelimited()));
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }
        return new ReceivedSpan(service, scope, traceId, spanId, parentSpanId, name, kind, start, attributes, links);
    }

    // Span.Link: trace_id = 1, span_id = 2.
    private static SpanLink ReadLink(ReadOnlySpan<byte> message)
    {
        string traceId = "", spanId = "";
        var reader = new ProtobufReader(message);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field, wireType)
            {
                case (1, ProtobufReader.LengthDelimited):
                    traceId = Hex(reader.ReadLengthDelimited());
                    break;
                case (2, ProtobufReader.LengthDelimited):
                    spanId = Hex(reader.ReadLengthDelimited());
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }
        return new SpanLink(traceId, spanId);
    }

    // KeyValue: key = 1, value = 2 (AnyValue).
    internal static void ReadKeyValue(ReadOnlySpan<byte> message, Dictionary<string, string> into)
    {
        var key = "";
        string? value = null;
        var reader = new ProtobufReader(message);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field, wireType)
            {
                case (1, ProtobufReader.LengthDelimited):
                    key = reader.ReadString();
                    break;
                case (2, ProtobufReader.LengthDelimited):
                    value = ReadAnyValue(reader.ReadLengthDelimited());
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }
        into[key] = value ?? "";
    }

    // AnyValue: string_value = 1, bool_value = 2, int_value = 3, double_value = 4; arrays, lists and bytes are not rendered.
    internal static string ReadAnyValue(ReadOnlySpan<byte> message)
    {
        var value = "";
        var reader = new ProtobufReader(message);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field, wireType)
            {
                case (1, ProtobufReader.LengthDelimited):
                    value = reader.ReadString();
                    break;
                case (2, ProtobufReader.Varint):
                    value = reader.ReadVarint() != 0 ? "true" : "false";
                    break;
                case (3, ProtobufReader.Varint):
                    value = ((long)reader.ReadVarint()).ToString(CultureInfo.InvariantCulture);
                    break;
                case (4, ProtobufReader.Fixed64):
                    value = BitConverter.UInt64BitsToDouble(reader.ReadFixed64()).ToString(CultureInfo.InvariantCulture);
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }
        return value;
    }

    internal static string? IdOrNull(ReadOnlySpan<byte> id) => id.IndexOfAnyExcept((byte)0) < 0 ? null : Hex(id);

    private static string Hex(ReadOnlySpan<byte> id) => Convert.ToHexStringLower(id);
}
