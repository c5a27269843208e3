using System.Globalization;

namespace MvmCi.Bench.Processes;

/// <summary>
/// What Linux says about a process in /proc: resident memory, CPU time used, and how long ago it started.
/// Times in /proc/&lt;pid&gt;/stat are in clock ticks of USER_HZ, which Linux fixes at 100 for user space.
/// </summary>
public static class ProcFs
{
    public const double TicksPerSecond = 100;

    public static bool Exists(int pid) => Directory.Exists($"/proc/{pid}");

    /// <summary>VmRSS in bytes; null when the process is gone.</summary>
    public static long? ResidentBytes(int pid) => KibField($"/proc/{pid}/status", "VmRSS:");

    /// <summary>
    /// The whole machine's busy and total CPU time since boot, in ticks of all cores (the first line of /proc/stat:
    /// busy is everything but idle and iowait, so it includes kernel work no process is charged with).
    /// </summary>
    public static (long Busy, long Total) MachineCpuTicks()
    {
        var ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
            .Take(8).Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        var total = ticks.Sum();
        return (total - ticks[3] - ticks[4], total);
    }

    /// <summary>
    /// PSS in bytes (/proc/&lt;pid&gt;/smaps_rollup): resident memory with every page shared with other processes
    /// counted in part (the .NET runtime's files are shared by all the services); null when unreadable.
    /// </summary>
    public static long? ProportionalBytes(int pid) => KibField($"/proc/{pid}/smaps_rollup", "Pss:");

    /// <summary>A "Name:   123 kB" line of a /proc file, in bytes; null when the file or the line is not there.</summary>
    private static long? KibField(string path, string name)
    {
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                if (line.StartsWith(name, StringComparison.Ordinal))
                {
                    var kb = line[name.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
        return null;
    }

    /// <summary>utime + stime in seconds; null when the process is gone.</summary>
    public static double? CpuSeconds(int pid) => Stat(pid) is { } fields
        ? (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond
        : null;

    /// <summary>When the process started (to 10 ms): its start in ticks after boot, against the uptime now.</summary>
    public static DateTimeOffset? StartedAt(int pid)
    {
        if (Stat(pid) is not { } fields)
        {
            return null;
        }
        var now = DateTimeOffset.UtcNow;
        var uptime = double.Parse(File.ReadAllText("/proc/uptime").Split(' ')[0], CultureInfo.InvariantCulture);
        var startedAfterBoot = long.Parse(fields[19], CultureInfo.InvariantCulture) / TicksPerSecond;
        return now - TimeSpan.FromSeconds(uptime - startedAfterBoot);
    }

    /// <summary>The process's command line, arguments separated by spaces; empty when unreadable.</summary>
    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>The process's environment as NAME=value entries; empty when unreadable.</summary>
    public static IReadOnlyList<string> Environment(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    public static IEnumerable<int> AllProcessIds() =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Select(n => int.TryParse(n, out var pid) ? pid : 0).Where(pid => pid > 0);

    /// <summary>The fields of /proc/&lt;pid&gt;/stat after the command name (index 0 is the state, field 3 of proc(5)).</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // The command name is in parentheses and may hold spaces: split after its closing one.
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
