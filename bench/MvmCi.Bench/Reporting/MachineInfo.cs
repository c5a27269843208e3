using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MvmCi.Bench.Reporting;

/// <summary>The machine and code a run measured: CPU, memory, OS, .NET, the git commit of the tree, the load before the run.</summary>
public sealed record MachineInfo(string CpuModel, int Cores, double MemoryGiB, string Os, string Kernel, string Dotnet,
    string? GitCommit, bool? GitDirty, string LoadAverageAtStart)
{
    public static MachineInfo Describe(string? repositoryRoot)
    {
        var cpu = ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var memKb = ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var os = ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"')
            ?? RuntimeInformation.OSDescription;
        var commit = repositoryRoot is null ? null : Git(repositoryRoot, "rev-parse", "HEAD")?.Trim();
        var status = repositoryRoot is null ? null : Git(repositoryRoot, "status", "--porcelain", "--untracked-files=no");
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
        return new MachineInfo(cpu, Environment.ProcessorCount,
            memKb is null ? 0 : Math.Round(double.Parse(memKb, System.Globalization.CultureInfo.InvariantCulture) / 1024 / 1024, 1),
            os, File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, commit,
            status is null ? null : status.Trim().Length > 0, load);
    }

    /// <summary>The folder holding MvmCi.sln above <paramref name="start"/>, if any.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MvmCi.sln")))
            {
                return directory.FullName;
            }
        }
        return null;
    }

    private static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];

    private static string? Git(string directory, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
