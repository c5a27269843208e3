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

    private static readonly IReadOnlyDictionary<string, string> NoEnvironment = new Dictionary<string, string>();

    /// <summary>docker-compose with only <paramref name="environment"/> (and <c>.env</c>) to take the variables from.</summary>
    public static Result DockerCompose(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Run("docker-compose", "Debian's docker-compose is needed: sudo apt-get install -y --no-install-recommends docker-compose", args, environment);

    public static Result Kubectl(params string[] args) =>
        Run("kubectl", "kubectl (with its built-in kustomize) is needed on PATH", args, NoEnvironment);

    /// <summary>A line of the generated README as an operator runs it: bash, in <paramref name="workingDirectory"/>.</summary>
    public static Result Bash(string script, string workingDirectory) =>
        Run("bash", "bash and openssl are needed on PATH", ["-euo", "pipefail", "-c", script], NoEnvironment, workingDirectory);

    private static Result Run(
        string tool, string installHint, string[] args, IReadOnlyDictionary<string, string> environment, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }
        // The compose file must take its variables from its own .env or from the test, not from whoever runs the tests.
        foreach (var variable in (string[])["REDIS_PASSWORD", "MVMCI_REGISTRY", "MVMCI_TAG", TestKeys.ServiceVariable, TestKeys.AdminVariable])
        {
            start.Environment.Remove(variable);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

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
