using System.Text;

namespace MvmCi.AppHost.Publishing;

/// <summary>
/// Writes MvmCi's deployment for a <see cref="DeploymentPlan"/>: <c>docker-compose.yaml</c> + <c>.env</c> (+ <c>.env.example</c>), the
/// kustomize base <c>k8s/base/</c> (applied as <c>k8s/</c>) with the KEDA overlay <c>k8s/keda/</c>, and a <c>README.md</c>. Pure: the same
/// plan gives the same bytes, and nothing but the files below is touched.
/// </summary>
public static class DeploymentWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Files a plan of another topology may have written here before and this one does not.</summary>
    private static readonly string[] Optional = [Path.Combine("k8s", "base", KubernetesBase.FlawlessFile)];

    /// <summary>Writes the files into <paramref name="outputDirectory"/> (created if missing) and returns their paths, relative to it.</summary>
    public static IReadOnlyList<string> Write(DeploymentPlan plan, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        plan.Validate();

        var files = new List<(string Path, string Text)>
        {
            ("docker-compose.yaml", ComposeFile.Yaml(plan)),
            (".env", ComposeFile.Env(plan)),
            (ComposeFile.EnvExampleFile, ComposeFile.EnvExample(plan)),
        };
        files.AddRange(KubernetesBase.Files(plan).Select(f => (Path.Combine("k8s", "base", f.File), f.Text)));
        files.Add((Path.Combine("k8s", "kustomization.yaml"), KubernetesBase.EntryPoint(plan)));
        files.AddRange(KedaOverlay.Files(plan).Select(f => (Path.Combine("k8s", "keda", f.File), f.Text)));
        var names = files.Select(f => f.Path.Replace('\\', '/')).Append("README.md").ToArray();
        files.Add(("README.md", DeploymentReadme.Text(plan, names)));

        foreach (var (path, text) in files)
        {
            var full = Path.Combine(outputDirectory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text, Utf8);
        }
        foreach (var stale in Optional.Where(o => !files.Any(f => f.Path == o)))
        {
            File.Delete(Path.Combine(outputDirectory, stale));
        }
        return names;
    }
}
