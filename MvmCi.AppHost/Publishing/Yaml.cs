using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace MvmCi.AppHost.Publishing;

/// <summary>
/// Small builders over YamlDotNet's node model, and a writer with fixed settings, so every file comes out the
/// same for the same plan: keys in the order given, block style, no line folding, <c>\n</c> line ends.
/// </summary>
internal static class Yaml
{
    private static readonly EmitterSettings Settings = new(
        bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false, maxSimpleKeyLength: 1024,
        skipAnchorName: false, indentSequences: true, newLine: "\n");

    // YAML 1.1 readers (PyYAML in docker-compose) take these as booleans or null, not strings.
    private static readonly HashSet<string> Ambiguous = new(StringComparer.OrdinalIgnoreCase)
    {
        "y", "n", "yes", "no", "true", "false", "on", "off", "null", "~",
    };

    /// <summary>A mapping of the entries whose value is not null: a string, an int, a bool or a node.</summary>
    public static YamlMappingNode Map(params (string Key, object? Value)[] entries)
    {
        var map = new YamlMappingNode();
        foreach (var (key, value) in entries)
        {
            if (value is not null)
            {
                map.Add(new YamlScalarNode(key), Node(value));
            }
        }
        return map;
    }

    public static YamlSequenceNode Seq(params object[] items) => Seq((IEnumerable<object>)items);

    public static YamlSequenceNode Seq(IEnumerable<object> items) => new(items.Select(Node));

    /// <summary>
    /// A string scalar, quoted when a reader would take it for something else (a number, a boolean, null,
    /// a sexagesimal like <c>3020:8080</c>): anything that starts with a digit, a sign or a dot is quoted.
    /// </summary>
    public static YamlScalarNode Str(string value)
    {
        var quote = value.Length == 0 || Ambiguous.Contains(value) || char.IsAsciiDigit(value[0]) || value[0] is '-' or '+' or '.';
        return new YamlScalarNode(value) { Style = quote ? ScalarStyle.DoubleQuoted : ScalarStyle.Any };
    }

    public static YamlNode Node(object value) => value switch
    {
        YamlNode node => node,
        string text => Str(text),
        int number => new YamlScalarNode(number.ToString(CultureInfo.InvariantCulture)) { Style = ScalarStyle.Plain },
        bool flag => new YamlScalarNode(flag ? "true" : "false") { Style = ScalarStyle.Plain },
        _ => throw new ArgumentException($"No YAML form for {value.GetType().Name}.", nameof(value)),
    };

    /// <summary>One or more documents (separated by <c>---</c>), after a comment header.</summary>
    public static string Write(string header, params YamlNode[] documents)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        foreach (var line in header.Split('\n'))
        {
            writer.Write($"# {line}".TrimEnd() + "\n");
        }
        var emitter = new Emitter(writer, Settings);
        emitter.Emit(new StreamStart());
        for (var i = 0; i < documents.Length; i++)
        {
            emitter.Emit(new DocumentStart(null, null, isImplicit: i == 0));
            Emit(emitter, documents[i]);
            emitter.Emit(new DocumentEnd(isImplicit: true));
        }
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private static void Emit(Emitter emitter, YamlNode node)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, scalar.Value ?? "", scalar.Style, true, true));
                break;
            case YamlSequenceNode sequence:
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Block));
                foreach (var item in sequence.Children)
                {
                    Emit(emitter, item);
                }
                emitter.Emit(new SequenceEnd());
                break;
            case YamlMappingNode mapping:
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block));
                foreach (var (key, value) in mapping.Children)
                {
                    Emit(emitter, key);
                    Emit(emitter, value);
                }
                emitter.Emit(new MappingEnd());
                break;
            default:
                throw new ArgumentException($"Unexpected node {node.GetType().Name}.", nameof(node));
        }
    }
}
