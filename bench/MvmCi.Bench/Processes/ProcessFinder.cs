using MvmCi.Bench.Load;
using MvmCi.Jobs.Contracts;

namespace MvmCi.Bench.Processes;

/// <summary>
/// The system's processes on this machine: workers and executor services from their own heartbeats
/// (<c>processId</c> in <c>/api/workers</c>, <c>/api/executors</c>), the control plane and redis-server from /proc
/// (the real service process, not the <c>dotnet run</c> launcher Aspire starts it under), and the harness itself.
/// </summary>
public static class ProcessFinder
{
    public const string WorkerRole = "worker";
    public const string ExecutorRole = "executor";
    public const string ControlPlaneRole = "control plane";
    public const string RedisRole = "redis";
    public const string HarnessRole = "harness";

    /// <summary>Waits (up to <paramref name="timeout"/>) until the expected workers and executor services are online, then lists every process.</summary>
    public static async Task<IReadOnlyList<ServiceProcess>> FindAsync(JobApi api, string? keyspacePrefix, string? redisConnection,
        int? expectedWorkers, int? expectedExecutors, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        IReadOnlyList<WorkerRecord> workers;
        IReadOnlyList<ExecutorRecord> executors;
        while (true)
        {
            workers = [.. (await api.GetWorkersAsync(cancellationToken)).Where(w => w.State == "online")];
            executors = [.. (await api.GetExecutorsAsync(cancellationToken)).Where(e => e.State == "online" && e.Kind == ExecutorRecord.ServiceKind)];
            var complete = (expectedWorkers is null || workers.Count >= expectedWorkers) && (expectedExecutors is null || executors.Count >= expectedExecutors);
            if (complete || DateTimeOffset.UtcNow > deadline)
            {
                break;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        var found = new List<ServiceProcess>();
        found.AddRange(FindByCommand("controlplane", ControlPlaneRole, "MvmCi.ControlPlane", keyspacePrefix));
        if (redisConnection is not null && FindRedis(redisConnection) is { } redis)
        {
            found.Add(redis);
        }
        found.AddRange(executors.Where(e => e.ProcessId is { } pid && ProcFs.Exists(pid))
            .OrderBy(e => e.Id, StringComparer.Ordinal).Select(e => new ServiceProcess(e.Id, ExecutorRole, e.ProcessId!.Value)));
        found.AddRange(workers.Where(w => w.ProcessId is { } pid && ProcFs.Exists(pid))
            .OrderBy(w => w.Id.Length).ThenBy(w => w.Id, StringComparer.Ordinal).Select(w => new ServiceProcess(w.Id, WorkerRole, w.ProcessId!.Value)));
        found.Add(new ServiceProcess("bench", HarnessRole, Environment.ProcessId));
        return found;
    }

    /// <summary>The workers online now, with their process ids.</summary>
    public static async Task<IReadOnlyList<WorkerRecord>> OnlineWorkersAsync(JobApi api, CancellationToken cancellationToken) =>
        [.. (await api.GetWorkersAsync(cancellationToken)).Where(w => w.State == "online")];

    private static IEnumerable<ServiceProcess> FindByCommand(string name, string role, string program, string? keyspacePrefix)
    {
        foreach (var pid in ProcFs.AllProcessIds())
        {
            var command = ProcFs.CommandLine(pid);
            // Aspire runs a project as "dotnet run --project ..." which starts the service's own executable: keep only that one.
            if (!command.Contains(program, StringComparison.Ordinal) || command.Contains(" run ", StringComparison.Ordinal) || command.Contains(".csproj", StringComparison.Ordinal))
            {
                continue;
            }
            if (keyspacePrefix is not null && !ProcFs.Environment(pid).Contains($"Keyspace__Prefix={keyspacePrefix}"))
            {
                continue;
            }
            yield return new ServiceProcess(name, role, pid);
        }
    }

    private static ServiceProcess? FindRedis(string connection)
    {
        var port = connection.Split(',')[0].Split(':').LastOrDefault();
        if (string.IsNullOrEmpty(port))
        {
            return null;
        }
        foreach (var pid in ProcFs.AllProcessIds())
        {
            var command = ProcFs.CommandLine(pid);
            // redis-server renames itself "redis-server 127.0.0.1:<port>".
            if (command.StartsWith("/usr/bin/redis-server", StringComparison.Ordinal) || command.StartsWith("redis-server", StringComparison.Ordinal))
            {
                if (command.EndsWith(":" + port, StringComparison.Ordinal) || command.Contains($"--port {port}", StringComparison.Ordinal))
                {
                    return new ServiceProcess("redis", RedisRole, pid);
                }
            }
        }
        return null;
    }
}
