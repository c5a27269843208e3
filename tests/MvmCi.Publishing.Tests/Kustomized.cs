using YamlDotNet.RepresentationModel;

namespace MvmCi.Publishing.Tests;

/// <summary>The objects <c>kubectl kustomize</c> builds from a directory of a published deployment.</summary>
internal sealed class Kustomized(IReadOnlyList<YamlMappingNode> objects)
{
    public static Kustomized Build(PublishedDeployment deployment, string directory)
    {
        var result = ExternalTool.Kubectl("kustomize", deployment.PathOf(directory));
        Assert.True(result.ExitCode == 0, result.Describe());
        return new Kustomized(YamlQuery.Documents(result.Stdout));
    }

    public IReadOnlyList<YamlMappingNode> Objects => objects;

    public IEnumerable<YamlMappingNode> OfKind(string kind) => objects.Where(o => o.Text("kind") == kind);

    public IReadOnlyList<string> Names(string kind) => [.. OfKind(kind).Select(o => o.Text("metadata", "name")).Order(StringComparer.Ordinal)];

    public YamlMappingNode Get(string kind, string name) =>
        Assert.Single(OfKind(kind), o => o.Text("metadata", "name") == name);

    /// <summary>Every container of every pod template, the init (sidecar) containers included.</summary>
    public IEnumerable<(string Owner, YamlNode Container)> Containers() =>
        OfKind("Deployment").Concat(OfKind("StatefulSet")).SelectMany(o =>
            o.Items("spec", "template", "spec", "initContainers").Concat(o.Items("spec", "template", "spec", "containers"))
                .Select(c => (o.Text("metadata", "name"), c)));

    public static string? Env(YamlNode container, string name) =>
        container.Items("env").FirstOrDefault(e => e.Text("name") == name) is { } variable && variable.Find("value") is { } value
            ? value.ToString()
            : null;
}
