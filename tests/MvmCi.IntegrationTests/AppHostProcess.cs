using System.Diagnostics;

namespace MvmCi.IntegrationTests;

/// <summary>Runs the built AppHost as a user would, for settings that must stop it before anything starts.</summary>
internal static class AppHostProcess
{
    public static async Task<(int ExitCode, string Stderr)> RunAsync(params string[] args)
    {
        // The AppHost is built beside this test assembly's configuration: .../MvmCi.AppHost/bin/<config>/net10.0/.
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Parent!.Name;
        var projectPath = Projects.MvmCi_AppHost.ProjectPath;
        var projectDirectory = projectPath.EndsWith(".csproj", StringComparison.Ordinal) ? Path.GetDirectoryName(projectPath)! : projectPath;
        var dll = Path.Combine(projectDirectory, "bin", configuration, testOutput.Name, "MvmCi.AppHost.dll");

        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The AppHost did not stop on its own within 60 s.");
        }
        return (process.ExitCode, await stderr);
    }
}
