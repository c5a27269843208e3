using Xunit.Sdk;

namespace MvmCi.IntegrationTests.Tracing;

/// <summary>
/// A snapshot of received spans with the questions the tests ask of it: which spans a trace has, whether
/// one span descends from another through exported parents, and what a failure message should show.
/// </summary>
public sealed class SpanSet(IReadOnlyList<ReceivedSpan> spans)
{
    private readonly Dictionary<(string TraceId, string SpanId), ReceivedSpan> _byId = spans
        .GroupBy(s => (s.TraceId, s.SpanId)).ToDictionary(g => g.Key, g => g.First());

    public IReadOnlyList<ReceivedSpan> All => spans;

    public IEnumerable<ReceivedSpan> InTrace(string traceId) => spans.Where(s => s.TraceId == traceId);

    public ReceivedSpan? Parent(ReceivedSpan span) =>
        span.ParentSpanId is { } parent && _byId.TryGetValue((span.TraceId, parent), out var found) ? found : null;

    /// <summary>True when <paramref name="ancestor"/> is reached from <paramref name="span"/> by following exported parents.</summary>
    public bool IsDescendant(ReceivedSpan span, ReceivedSpan ancestor)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = Parent(span); current is not null && seen.Add(current.SpanId); current = Parent(current))
        {
            if (current.SpanId == ancestor.SpanId && current.TraceId == ancestor.TraceId)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The span and its exported ancestors, for failure messages.</summary>
    public string PathToRoot(ReceivedSpan span)
    {
        var path = new List<string> { Describe(span) };
        var seen = new HashSet<string>(StringComparer.Ordinal) { span.SpanId };
        var current = span;
        while (Parent(current) is { } parent && seen.Add(parent.SpanId))
        {
            path.Add(Describe(parent));
            current = parent;
        }
        if (current.ParentSpanId is { } missing)
        {
            path.Add($"(parent {missing} was not exported)");
        }
        return string.Join(" <- ", path);
    }

    /// <summary>The one span that matches; fails with the trace's spans listed when there is none or more than one.</summary>
    public ReceivedSpan One(string traceId, Func<ReceivedSpan, bool> match, string what)
    {
        var found = InTrace(traceId).Where(match).ToArray();
        return found.Length == 1
            ? found[0]
            : throw new XunitException($"Expected one {what} in trace {traceId}, found {found.Length}. {Dump(traceId)}");
    }

    /// <summary>Every span of a trace, in start order, one a line.</summary>
    public string Dump(string traceId)
    {
        var members = InTrace(traceId).OrderBy(s => s.StartTimeUnixNano).ToArray();
        return $"Trace {traceId} has {members.Length} spans (of {spans.Count} received):"
            + string.Concat(members.Select(s => Environment.NewLine + "  " + s));
    }

    private static string Describe(ReceivedSpan span) => $"{span.Service} '{span.Name}' ({span.SpanId})";
}
