using System.Text.RegularExpressions;
using MvmCi.AppHost;

namespace MvmCi.Publishing.Tests;

/// <summary>The service and admin keys: named and explained in the output, never given a value there.</summary>
public sealed partial class DeploymentKeysTests
{
    /// <summary>What <c>openssl rand -hex 24</c> (or any hex key of that strength) would leave in a file.</summary>
    [GeneratedRegex("[0-9a-fA-F]{24,}")]
    private static partial Regex HexKey();

    [Theory]
    [MemberData(nameof(Topologies.All), MemberType = typeof(Topologies))]
    public void NoGeneratedFileHoldsAKey(Topology topology)
    {
        using var deployment = PublishedDeployment.Of(topology);

        foreach (var file in deployment.Files)
        {
            var text = deployment.Read(file);
            Assert.False(HexKey().IsMatch(text), $"{file} holds what looks like a key: {HexKey().Match(text).Value}");
            if (file.EndsWith(".yaml", StringComparison.Ordinal))
            {
                Assert.DoesNotContain(YamlQuery.Documents(text),
                    d => d.Find("kind")?.ToString() == "Secret" && d.Find("metadata", "name")?.ToString() == "mvmci-keys");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Topologies.All), MemberType = typeof(Topologies))]
    public void TheReadmeExplainsTheKeysAndCreatesTheSecretBeforeApplying(Topology topology)
    {
        using var deployment = PublishedDeployment.Of(topology);

        var readme = deployment.Read("README.md");
        var lines = readme.Split('\n');

        var keys = Array.IndexOf(lines, "## Keys");
        Assert.True(keys >= 0, readme);
        var section = string.Join('\n', lines.Skip(keys + 1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)));
        foreach (var name in new[] { "MVMCI_SERVICE_KEY", "Security__ServiceKey", "MVMCI_ADMIN_KEY", "Access__AdminKey", "mvmci-keys", "openssl rand -hex 24" })
        {
            Assert.Contains($"`{name}`", section, StringComparison.Ordinal);
        }
        Assert.Contains(
            """curl -X POST -H "Authorization: Bearer $MVMCI_ADMIN_KEY" -H 'Content-Type: application/json' -d '{"name":"ci","role":"submit"}' http://<control plane>:3020/api/keys""",
            lines);
        Assert.Equal(topology != Topology.Embedded, section.Contains("executors unreachable from outside", StringComparison.Ordinal));
        var create = Array.IndexOf(lines,
            "kubectl create secret generic mvmci-keys --from-literal=service-key=$(openssl rand -hex 24) --from-literal=admin-key=$(openssl rand -hex 24)");
        var apply = Array.FindIndex(lines, l => l.StartsWith("kubectl apply -k k8s", StringComparison.Ordinal));
        Assert.True(create >= 0 && apply > create, $"the Secret is created (line {create}) before the first apply (line {apply})");
        Assert.Contains("`.env.example`", readme, StringComparison.Ordinal);
        Assert.Contains(".env.example", lines.Single(l => l.StartsWith("Files: ", StringComparison.Ordinal)), StringComparison.Ordinal);
    }
}
