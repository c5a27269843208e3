using System.Diagnostics;

namespace MvmCi.IntegrationTests;

/// <summary>
/// Finds a service process of one test application by its environment (Linux /proc): the first match,
/// which is the launcher when the service runs under one; kill it with its process tree.
/// </summary>
internal static class WorkerProcesses
{
    public static Process Find(string workerId, string keyspacePrefix) => FindByVariable($"Worker__Id={workerId}", keyspacePrefix);

    /// <summary>The process whose environment holds <paramref name="assignment"/> (NAME=value) and the app's key prefix.</summary>
    public static Process FindByVariable(string assignment, string keyspacePrefix)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }
            string environment;
            try
            {
                environment = File.ReadAllText(Path.Combine(directory, "environ"));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            var variables = environment.Split('\0');
            if (variables.Contains(assignment) && variables.Contains($"Keyspace__Prefix={keyspacePrefix}"))
            {
                return Process.GetProcessById(pid);
            }
        }
        throw new InvalidOperationException($"No process with {assignment} and key prefix {keyspacePrefix} was found.");
    }
}
