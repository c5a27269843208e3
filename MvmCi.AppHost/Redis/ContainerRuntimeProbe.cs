using Microsoft.Extensions.Configuration;
using System.Diagnostics;

namespace MvmCi.AppHost.Redis;

/// <summary>Asks the configured container runtime (docker unless ASPIRE_CONTAINER_RUNTIME says otherwise) whether its engine answers.</summary>
public static class ContainerRuntimeProbe
{
    public static string RuntimeName(IConfiguration configuration) =>
        configuration["ASPIRE_CONTAINER_RUNTIME"] ?? configuration["DOTNET_ASPIRE_CONTAINER_RUNTIME"] ?? "docker";

    /// <summary>True when <c>{runtime} info</c> succeeds within a few seconds. A client without an engine fails fast.</summary>
    public static bool EngineAnswers(string runtime)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(runtime, "info --format {{.ServerVersion}}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return false;
            }
            if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // not installed
        }
    }
}
