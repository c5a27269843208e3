using System.ComponentModel;
using System.Diagnostics;

namespace MvmCi.Publishing.Tests;

/// <summary>
/// Runs the real deployment tools. A missing tool fails the test with what to install: the published
/// output is only known good once the tools themselves accept it.
/// </summary>
internal static class ExternalTool
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string Describe() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
    }

    public static Result DockerCompose(params string[] args) =>
        Run("docker-compose", "Debian's docker-compose is needed: sudo apt-get install -y --no-install-recommends docker-compose", args);

    public static Result Kubectl(params string[] args) =>
        Run("kubectl", "kubectl (with its built-in kustomize) is needed on PATH", args);

    private static Result Run(string tool, string installHint, string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        // The compose file must take its variables from its own .env, not from whoever runs the tests.
        start.Environment.Remove("REDIS_PASSWORD");
        start.Environment.Remove("MVMCI_REGISTRY");
        start.Environment.Remove("MVMCI_TAG");

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        }
        catch (Win32Exception ex)
        {
            Assert.Fail($"'{tool}' could not be run ({ex.Message}). {installHint}.");
            throw;
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"'{tool} {string.Join(' ', args)}' did not finish within 60 s.");
            }
            return new Result(process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
