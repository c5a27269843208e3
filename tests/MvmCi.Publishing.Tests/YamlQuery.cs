using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace MvmCi.Publishing.Tests;

/// <summary>Reading the tools' YAML output: documents, and paths of keys into them.</summary>
internal static class YamlQuery
{
    public static IReadOnlyList<YamlMappingNode> Documents(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return [.. stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()];
    }

    /// <summary>The node at a path of mapping keys; a missing key fails the test naming the path.</summary>
    public static YamlNode At(this YamlNode node, params string[] path) =>
        node.Find(path) ?? throw new Xunit.Sdk.XunitException($"No '{string.Join('.', path)}' in:\n{Dump(node)}");

    public static YamlNode? Find(this YamlNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }
            current = next;
        }
        return current;
    }

    public static string Text(this YamlNode node, params string[] path) =>
        ((YamlScalarNode)node.At(path)).Value ?? "";

    public static int Int(this YamlNode node, params string[] path) =>
        int.Parse(node.Text(path), CultureInfo.InvariantCulture);

    public static YamlMappingNode Map(this YamlNode node, params string[] path) => (YamlMappingNode)node.At(path);

    public static IReadOnlyList<YamlNode> Items(this YamlNode node, params string[] path) =>
        node.Find(path) is YamlSequenceNode sequence ? [.. sequence.Children] : [];

    public static IReadOnlyList<string> Keys(this YamlNode node, params string[] path) =>
        [.. node.Map(path).Children.Keys.Select(k => ((YamlScalarNode)k).Value ?? "")];

    public static string Dump(YamlNode node)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        new YamlStream(new YamlDocument(node)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }
}
