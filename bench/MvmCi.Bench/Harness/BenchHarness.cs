using System.Diagnostics;
using System.Globalization;
using MvmCi.Bench.Floors;
using MvmCi.Bench.Load;
using MvmCi.Bench.Options;
using MvmCi.Bench.Processes;
using MvmCi.Bench.Reporting;
using MvmCi.Bench.Systems;
using MvmCi.Jobs.Redis;

namespace MvmCi.Bench.Harness;

/// <summary>
/// One run: the main run (start or target the system, the start times, the floors, then one measured closed-loop
/// phase per concurrency level) and, with <see cref="BenchOptions.Sweep"/>, the sweep (a fresh system per
/// topology × worker count). Progress goes to <paramref name="log"/>; the report into the out directory.
/// </summary>
public sealed class BenchHarness(BenchOptions options, TextWriter log)
{
    private const string ModuleName = "bench-noop";

    public async Task<BenchResult> RunAsync(string command, CancellationToken cancellationToken)
    {
        options.Validate();
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var outDirectory = Path.GetFullPath(options.Out ?? Path.Combine("artifacts", "bench", startedAt.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)));
        Directory.CreateDirectory(outDirectory);
        var machine = MachineInfo.Describe(MachineInfo.FindRepositoryRoot(AppContext.BaseDirectory) ?? MachineInfo.FindRepositoryRoot(Environment.CurrentDirectory));
        await Log($"machine: {machine.CpuModel}, {machine.Cores} cores, {machine.MemoryGiB} GiB, {machine.Os}, {machine.Dotnet}, load {machine.LoadAverageAtStart}");

        var main = options.SkipLevels ? null : await RunMainAsync(outDirectory, cancellationToken);
        var sweep = options.Sweep ? await RunSweepAsync(outDirectory, cancellationToken) : [];

        var report = new BenchReport
        {
            StartedAt = startedAt,
            DurationSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
            Command = command,
            Machine = machine,
            Options = options,
            Target = options.Url?.ToString() ?? "apphost",
            Startup = main?.Startup,
            Floors = main?.Floors,
            Levels = main?.Levels ?? [],
            Memory = main?.Memory,
            Sweep = sweep,
            ServiceErrorLines = main?.ServiceErrorLines ?? new Dictionary<string, int>(),
        };
        var files = await ReportFiles.WriteAsync(report, main?.Latencies ?? new Dictionary<int, double[]>(), outDirectory, cancellationToken);
        await Log($"done in {report.DurationSeconds:0} s: {outDirectory}");
        return new BenchResult(report, outDirectory, files);
    }

    private async Task<MainRun> RunMainAsync(string outDirectory, CancellationToken cancellationToken)
    {
        var configuration = new AppHostConfiguration(options.Topology, options.Workers, options.Executors, options.Slots, options.Retention);
        ISystemUnderTest system;
        if (options.Url is { } url)
        {
            await Log($"target: {url}");
            system = new RunningSystem(url, options.Redis);
        }
        else
        {
            await Log($"starting the AppHost: {configuration}");
            system = await AppHostSystem.StartAsync(configuration, Path.Combine(outDirectory, "services.log"), cancellationToken);
        }

        await using (system)
        {
            using var api = new JobApi(system.ControlPlane, MaxConnections(options.Levels.Append(2 * options.Workers).Max()), system.ApiKey);
            var module = await api.UploadModuleAsync(NoopGuest.Wasm, ModuleName, "1", cancellationToken);
            var load = new ClosedLoopLoad(api, module, options.JobTimeout, options.OneRequest);

            StartupReport? startup = null;
            if (system is AppHostSystem started)
            {
                var firstSubmit = (DateTimeOffset.UtcNow - started.StartedAt).TotalSeconds;
                startup = await StartupProbe.MeasureAsync(started, api, load, options.Workers, firstSubmit, cancellationToken);
                await Log(string.Create(CultureInfo.InvariantCulture, $"started: all healthy after {startup.AllHealthySeconds:0.00} s; ") +
                    string.Join(", ", startup.Workers.Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.WorkerId} start→first claim {w.StartToFirstClaimSeconds:0.00} s"))));
            }

            var processes = await ProcessFinder.FindAsync(api, system.KeyspacePrefix, system.RedisConnection,
                system is AppHostSystem ? options.Workers : null, system is AppHostSystem ? configuration.ExecutorServices : null,
                TimeSpan.FromSeconds(30), cancellationToken);
            await Log("processes: " + string.Join(", ", processes.Select(p => $"{p.Name}={p.Pid}")));

            // The floors run on the same machine as the system: let the start's work (JIT, first polls) die down first.
            await Task.Delay(options.SettleTime, cancellationToken);
            await Log("floor: in-process Wasmtime no-op");
            var wasmtime = WasmtimeNoopFloor.Measure(Math.Max(options.FloorIterations, 1000), cancellationToken);
            RedisFloor? redis = null;
            if (system.RedisConnection is { } connection)
            {
                await Log("floor: raw Redis lifecycle");
                redis = await RedisLifecycleFloor.MeasureAsync(connection, options.FloorIterations, options.Levels, cancellationToken);
            }
            var floors = new FloorsReport(redis, wasmtime);
            await Log(string.Create(CultureInfo.InvariantCulture,
                $"floors: wasmtime p50 {wasmtime.P50Us:0.0} µs ({wasmtime.PerSecond:0}/s); redis lifecycle p50 {redis?.SerialP50Us:0.0} µs ({redis?.SerialPerSecond:0}/s serial)"));

            var baseline = await MemoryAsync(api, processes, system.RedisConnection, cancellationToken);
            var levels = new List<LevelReport>();
            var latencies = new Dictionary<int, double[]>();
            foreach (var concurrency in options.Levels)
            {
                var (level, samples) = await RunLevelAsync(api, load, processes, floors, concurrency, cancellationToken);
                levels.Add(level);
                latencies[concurrency] = samples;
            }
            var afterLoad = await MemoryAsync(api, processes, system.RedisConnection, cancellationToken);
            (IReadOnlyDictionary<string, (double Rss, double Pss)> Processes, RedisMemory? Redis)? afterRetention = null;
            double? waited = null;
            if (options.Retention is { } retention)
            {
                // Past the retention, the next sweep (every 5 s) removes the last finished jobs; then a settle.
                var wait = TimeSpan.FromSeconds(retention + 10) + options.SettleTime;
                await Log($"waiting {wait.TotalSeconds:0} s for the finished jobs' retention ({retention} s) to pass");
                await Task.Delay(wait, cancellationToken);
                waited = wait.TotalSeconds;
                afterRetention = await MemoryAsync(api, processes, system.RedisConnection, cancellationToken);
            }
            var memory = new MemoryReport(options.Retention, waited,
                [.. processes.Select(p => new MemoryPoint(p.Name, baseline.Processes.GetValueOrDefault(p.Name).Rss, afterLoad.Processes.GetValueOrDefault(p.Name).Rss,
                    afterRetention?.Processes.GetValueOrDefault(p.Name).Rss, baseline.Processes.GetValueOrDefault(p.Name).Pss, afterLoad.Processes.GetValueOrDefault(p.Name).Pss,
                    afterRetention?.Processes.GetValueOrDefault(p.Name).Pss))],
                baseline.Redis, afterLoad.Redis, afterRetention?.Redis);
            await Log(string.Create(CultureInfo.InvariantCulture,
                $"memory (RSS MiB, baseline → after load{(afterRetention is null ? "" : " → after retention")}): ") +
                string.Join(", ", memory.Processes.Select(p => string.Create(CultureInfo.InvariantCulture,
                    $"{p.Name} {p.BaselineRssMiB:0} → {p.AfterLoadRssMiB:0}{(p.AfterRetentionRssMiB is { } r ? $" → {r:0}" : "")}"))) +
                string.Create(CultureInfo.InvariantCulture, $"; redis used_memory {memory.RedisBaseline?.UsedMiB:0.0} → {memory.RedisAfterLoad?.UsedMiB:0.0}") +
                (memory.RedisAfterRetention is { } rr ? string.Create(CultureInfo.InvariantCulture, $" → {rr.UsedMiB:0.0} MiB, {rr.Jobs} jobs kept") : " MiB"));
            var errors = system is AppHostSystem app ? app.ErrorLines.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal) : [];
            await Log("stopping");
            return new MainRun(startup, floors, levels, latencies, errors, memory);
        }
    }

    private static async Task<(IReadOnlyDictionary<string, (double Rss, double Pss)> Processes, RedisMemory? Redis)> MemoryAsync(
        JobApi api, IReadOnlyList<ServiceProcess> processes, string? redisConnection, CancellationToken cancellationToken)
    {
        const double MiB = 1024 * 1024;
        var memory = processes.ToDictionary(p => p.Name,
            p => (Math.Round((ProcFs.ResidentBytes(p.Pid) ?? 0) / MiB, 1), Math.Round((ProcFs.ProportionalBytes(p.Pid) ?? 0) / MiB, 1)),
            StringComparer.Ordinal);
        var stats = await StatsAsync(api, cancellationToken);
        return (memory, await RedisMemoryProbe.ReadAsync(redisConnection, stats?.Total));
    }

    private async Task<(LevelReport Level, double[] Latencies)> RunLevelAsync(JobApi api, ClosedLoopLoad load, IReadOnlyList<ServiceProcess> processes,
        FloorsReport floors, int concurrency, CancellationToken cancellationToken)
    {
        await Log($"level {concurrency}: warm-up ({options.WarmupJobs} jobs, at least {options.WarmupTime.TotalSeconds:0} s), then {options.Jobs} jobs");
        await WarmUpAsync(load, options.WarmupJobs, concurrency, cancellationToken);
        await Task.Delay(options.SettleTime, cancellationToken);
        var before = await StatsAsync(api, cancellationToken);

        await using var sampler = ProcessSampler.Start(processes);
        var run = await load.RunAsync(options.Jobs, concurrency, cancellationToken);
        await sampler.StopAsync();
        await Task.Delay(options.SettleTime, cancellationToken);
        var usage = sampler.Finish();
        var after = await StatsAsync(api, cancellationToken);

        var latency = run.Latency;
        var redisPerSecond = floors.Redis?.PerSecondAtConcurrency.GetValueOrDefault(concurrency);
        var ratios = new Ratios(
            floors.Redis is { SerialP50Us: > 0 } r ? latency.P50 * 1000 / r.SerialP50Us : null,
            latency.P50 * 1000 / floors.Wasmtime.P50Us,
            redisPerSecond is > 0 ? run.JobsPerSecond / redisPerSecond : null,
            run.JobsPerSecond / floors.Wasmtime.PerSecond);
        var level = new LevelReport(concurrency, run.Jobs, run.Finished, run.Completed, run.ByStatus, run.SubmitFailures, run.TimedOut, run.Errors,
            Math.Round(run.WallSeconds, 3), Math.Round(run.JobsPerSecond, 1), latency, ratios, usage, run.ByWorker, before, after,
            Math.Round(sampler.MachineCpuPercent, 1));
        await Log(string.Create(CultureInfo.InvariantCulture,
            $"level {concurrency}: {run.JobsPerSecond:0.0} jobs/s, p50 {latency.P50:0.0} ms, p95 {latency.P95:0.0} ms, p99 {latency.P99:0.0} ms; " +
            $"{run.Completed}/{run.Jobs} completed, {run.SubmitFailures} submit failures, {run.TimedOut} timed out; machine CPU {sampler.MachineCpuPercent:0} %") +
            (run.Errors.Count > 0 ? "; errors: " + string.Join(", ", run.Errors.Select(e => $"{e.Key} ×{e.Value}")) : ""));
        return (level, [.. run.Samples.Select(s => s.LatencyMs)]);
    }

    private async Task<IReadOnlyList<SweepPoint>> RunSweepAsync(string outDirectory, CancellationToken cancellationToken)
    {
        var points = new List<SweepPoint>();
        var logs = Path.Combine(outDirectory, "sweep-logs");
        foreach (var topology in options.SweepTopologies)
        {
            foreach (var workers in options.SweepWorkers)
            {
                var configuration = new AppHostConfiguration(topology, workers, options.Executors, options.Slots, options.Retention);
                await Log($"sweep: {configuration}");
                var point = await RunSweepPointAsync(configuration, Path.Combine(logs, $"{topology}-{workers}.log"), cancellationToken);
                points.Add(point);
                await Log(point.Error is { } error
                    ? $"sweep: {configuration}: failed: {error}"
                    : string.Create(CultureInfo.InvariantCulture,
                        $"sweep: {configuration}: {point.JobsPerSecond:0.0} jobs/s, p50 {point.Latency.P50:0.0} ms, p99 {point.Latency.P99:0.0} ms, {point.Completed}/{point.Jobs} completed"));
            }
        }
        return points;
    }

    private async Task<SweepPoint> RunSweepPointAsync(AppHostConfiguration configuration, string logPath, CancellationToken cancellationToken)
    {
        try
        {
            await using var system = await AppHostSystem.StartAsync(configuration, logPath, cancellationToken);
            using var api = new JobApi(system.ControlPlane, MaxConnections(options.SweepConcurrency), system.ApiKey);
            var module = await api.UploadModuleAsync(NoopGuest.Wasm, ModuleName, "1", cancellationToken);
            var load = new ClosedLoopLoad(api, module, options.JobTimeout, options.OneRequest);
            var timeline = await system.AllHealthy;
            var processes = await ProcessFinder.FindAsync(api, system.KeyspacePrefix, system.RedisConnection, configuration.Workers,
                configuration.ExecutorServices, TimeSpan.FromSeconds(30), cancellationToken);
            await WarmUpAsync(load, Math.Min(options.WarmupJobs, options.SweepJobs), options.SweepConcurrency, cancellationToken);
            await Task.Delay(options.SettleTime, cancellationToken);

            await using var sampler = ProcessSampler.Start(processes);
            var run = await load.RunAsync(options.SweepJobs, options.SweepConcurrency, cancellationToken);
            await sampler.StopAsync();
            var usage = sampler.Finish().Where(u => u.Role != ProcessFinder.HarnessRole).ToList();
            double Cpu(string role) => Math.Round(usage.Where(u => u.Role == role).Sum(u => u.CpuPercent), 1);
            return new SweepPoint(configuration.Topology, configuration.Workers, configuration.ExecutorServices, run.Jobs, run.Concurrency,
                run.Finished, run.Completed, run.SubmitFailures, run.TimedOut, run.Errors, Math.Round(run.JobsPerSecond, 1), run.Latency,
                timeline.AllHealthySeconds, Math.Round(usage.Sum(u => u.PeakRssMiB), 1), Math.Round(usage.Sum(u => u.CpuPercent), 1),
                Cpu(ProcessFinder.ExecutorRole), Cpu(ProcessFinder.WorkerRole), Cpu(ProcessFinder.ControlPlaneRole), Cpu(ProcessFinder.RedisRole), null);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // One configuration that cannot start or run is a finding, not the end of the sweep.
            return new SweepPoint(configuration.Topology, configuration.Workers, configuration.ExecutorServices, options.SweepJobs, options.SweepConcurrency,
                0, 0, 0, 0, new Dictionary<string, int>(), 0, LatencySummary.Empty, null, 0, 0, 0, 0, 0, 0, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>At least <paramref name="jobs"/> jobs and at least <see cref="BenchOptions.WarmupTime"/>, not measured.</summary>
    private async Task WarmUpAsync(ClosedLoopLoad load, int jobs, int concurrency, CancellationToken cancellationToken)
    {
        if (jobs == 0 && options.WarmupTime == TimeSpan.Zero)
        {
            return;
        }
        var clock = Stopwatch.StartNew();
        var batch = Math.Max(jobs, concurrency);
        do
        {
            await load.RunAsync(batch, concurrency, cancellationToken);
        }
        while (clock.Elapsed < options.WarmupTime);
    }

    private static async Task<QueueStats?> StatsAsync(JobApi api, CancellationToken cancellationToken)
    {
        try
        {
            return await api.GetStatsAsync(cancellationToken);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>One connection per logical client (each holds one through its long poll), and some for the harness's own calls.</summary>
    private static int MaxConnections(int clients) => clients + 32;

    private async Task Log(string line)
    {
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"[{DateTimeOffset.Now:HH:mm:ss}] {line}"));
        await log.FlushAsync();
    }
}
