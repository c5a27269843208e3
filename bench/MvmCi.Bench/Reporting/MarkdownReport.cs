using System.Globalization;
using System.Text;

namespace MvmCi.Bench.Reporting;

/// <summary><c>report.md</c>: the run's figures as tables, and how each was measured.</summary>
public static class MarkdownReport
{
    public static string Render(BenchReport report)
    {
        var md = new StringBuilder();
        var m = report.Machine;
        var o = report.Options;
        Line(md, "# MvmCi load test");
        Line(md);
        Line(md, $"- started {report.StartedAt:yyyy-MM-dd HH:mm:ss} UTC, took {report.DurationSeconds:0} s");
        Line(md, $"- command: `{report.Command}`");
        Line(md, $"- target: {(report.Target == "apphost" ? $"the AppHost started by the harness (Aspire.Hosting.Testing), topology `{o.Topology}`, {o.Workers} workers" + (o.Topology == "pool" ? $", {o.Executors} executors" : "") : report.Target)}");
        Line(md, $"- machine: {m.CpuModel}, {m.Cores} cores, {m.MemoryGiB} GiB RAM, {m.Os} (Linux {m.Kernel}), {m.Dotnet}; load average at start {m.LoadAverageAtStart}");
        Line(md, $"- code: {m.GitCommit ?? "unknown"}{(m.GitDirty == true ? " (work tree had uncommitted changes)" : "")}");
        Line(md, $"- guest: a no-op WASI module; {o.Jobs} measured jobs per level after a warm-up of {o.WarmupJobs} jobs and at least {o.WarmupTime.TotalSeconds:0} s; a job times out after {o.JobTimeout.TotalSeconds:0} s");
        Line(md);

        if (report.Startup is { } startup)
        {
            Line(md, "## Start");
            Line(md);
            Line(md, $"AppHost start → all resources healthy: **{startup.AllHealthySeconds:0.00} s**. First job submitted at {startup.FirstSubmitSeconds:0.00} s (as soon as the control plane was healthy).");
            Line(md);
            Line(md, "| resource | healthy at (s) |");
            Line(md, "|---|---:|");
            foreach (var (name, at) in startup.HealthySeconds.OrderBy(h => h.Value))
            {
                Line(md, $"| {name} | {at:0.00} |");
            }
            Line(md);
            Line(md, "| worker | pid | process start (s) | healthy (s) | first claim (s) | **start → first claim (s)** |");
            Line(md, "|---|---:|---:|---:|---:|---:|");
            foreach (var w in startup.Workers)
            {
                Line(md, $"| {w.WorkerId} | {w.Pid} | {N(w.ProcessStartSeconds)} | {N(w.HealthySeconds)} | {N(w.FirstClaimSeconds)} | **{N(w.StartToFirstClaimSeconds)}** |");
            }
            Line(md);
        }

        if (report.Floors is { } floors)
        {
            Line(md, "## Floors (same run, same machine)");
            Line(md);
            Line(md, "| floor | p50 | p99 | per second |");
            Line(md, "|---|---:|---:|---:|");
            if (floors.Redis is { } redis)
            {
                Line(md, $"| Redis lifecycle, one in flight (XADD, XREADGROUP, HSET, XACK; StackExchange.Redis) | {redis.SerialP50Us:0.0} µs | {redis.SerialP99Us:0.0} µs | {redis.SerialPerSecond:0} |");
                foreach (var (concurrency, perSecond) in redis.PerSecondAtConcurrency.OrderBy(p => p.Key))
                {
                    Line(md, $"| Redis lifecycle, {concurrency} in flight (pipelined on one multiplexer) | | | {perSecond:0} |");
                }
            }
            var w = floors.Wasmtime;
            Line(md, $"| **Wasmtime no-op in-process, one thread** (new store + WASI config, instantiate via one shared linker, `_start`) | {w.P50Us:0.0} µs | {w.P99Us:0.0} µs | {w.PerSecond:0} |");
            Line(md, $"| Wasmtime no-op, the same with a new linker + `DefineWasi` per execution | {w.FreshLinkerP50Us:0.0} µs | {w.FreshLinkerP99Us:0.0} µs | {w.FreshLinkerPerSecond:0} |");
            Line(md);
            Line(md, "The ratios below use the Redis lifecycle (one in flight for latency; as many in flight as the level has clients for throughput) and the shared-linker Wasmtime floor (the executor shares its linker too).");
            Line(md);
        }

        if (report.Levels.Count > 0)
        {
            Line(md, "## Closed loop per concurrency level");
            Line(md);
            Line(md, o.OneRequest
                ? "Latency: just before `POST /api/jobs?wait=30` → its answer showing the job final (one request per job). Throughput: final jobs / wall time of the phase."
                : "Latency: just before `POST /api/jobs` → the `GET /api/jobs/{id}?wait=30` answer that shows the job final. Throughput: final jobs / wall time of the phase.");
            Line(md);
            Line(md, "| concurrent | jobs | completed | not completed | jobs/s | p50 ms | p95 ms | p99 ms | p99.9 ms | max ms | p50 ÷ Redis p50 | p50 ÷ Wasmtime p50 | jobs/s ÷ Redis/s | jobs/s ÷ Wasmtime/s |");
            Line(md, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var l in report.Levels)
            {
                var notCompleted = l.Jobs - l.Completed;
                Line(md, $"| {l.Concurrency} | {l.Jobs} | {l.Completed} | {notCompleted} | **{l.JobsPerSecond:0.0}** | {l.Latency.P50:0.0} | {l.Latency.P95:0.0} | {l.Latency.P99:0.0} | {l.Latency.P999:0.0} | {l.Latency.Max:0.0} | " +
                    $"{X(l.Ratios.P50OverRedisP50)} | {X(l.Ratios.P50OverWasmtimeP50)} | {F(l.Ratios.JobsPerSecondOverRedis)} | {F(l.Ratios.JobsPerSecondOverWasmtime)} |");
            }
            Line(md);
            foreach (var l in report.Levels.Where(l => l.Errors.Count > 0 || l.Jobs != l.Completed))
            {
                Line(md, $"Level {l.Concurrency}: statuses {Join(l.ByStatus)}; submit failures {l.SubmitFailures}; timed out {l.TimedOut}; errors {Join(l.Errors)}.");
                Line(md);
            }
            Line(md, "![latency](latency.png)");
            Line(md);

            Line(md, "## Processes per level");
            Line(md);
            Line(md, "RSS: VmRSS at idle before the phase, its peak during (sampled every 250 ms), and after the phase settled. CPU: utime+stime over the phase ÷ its wall time, % of one core (the machine has " +
                $"{m.Cores}: {m.Cores * 100} % is all of it). `bench` is the harness: the clients and the in-process AppHost.");
            Line(md);
            foreach (var l in report.Levels)
            {
                Line(md, $"### {l.Concurrency} concurrent ({l.WallSeconds:0.0} s)");
                Line(md);
                Line(md, "| process | pid | idle RSS MiB | peak RSS MiB | after RSS MiB | CPU % |");
                Line(md, "|---|---:|---:|---:|---:|---:|");
                foreach (var p in l.Processes)
                {
                    Line(md, $"| {p.Name} | {p.Pid} | {p.IdleRssMiB:0} | {p.PeakRssMiB:0} | {p.AfterRssMiB:0} | {p.CpuPercent:0} |");
                }
                var system = l.Processes.Where(p => p.Role != "harness").ToList();
                Line(md, $"| **system total** | | {system.Sum(p => p.IdleRssMiB):0} | {system.Sum(p => p.PeakRssMiB):0} | {system.Sum(p => p.AfterRssMiB):0} | {system.Sum(p => p.CpuPercent):0} |");
                Line(md, $"| the whole machine (/proc/stat: every process, DCP and the kernel included) | | | | | {l.MachineCpuPercent:0} |");
                Line(md);
                Line(md, $"Jobs per worker: {Join(l.ByWorker)}.");
                Line(md);
            }
        }

        if (report.Memory is { } memory)
        {
            Line(md, "## Memory: baseline, after the load, after the retention");
            Line(md);
            Line(md, memory.RetentionSeconds is { } retention
                ? $"Baseline: just before the first level (system started, module uploaded, floors run). After the load: once the last level settled. After the retention: {memory.WaitedSeconds:0} s later, when every finished job's retention ({retention} s, `--retention`) was over and the control plane's sweep (every 5 s) had removed them."
                : "Baseline: just before the first level (system started, module uploaded, floors run). After the load: once the last level settled. (Run with `--retention N` to also measure after the finished jobs are removed.)");
            Line(md);
            Line(md, "RSS counts every resident page; PSS counts a page shared with other processes (the .NET runtime's files, shared by all the services) in part, so it is what each process adds.");
            Line(md);
            Line(md, "| process | baseline RSS MiB | after load RSS MiB | after retention RSS MiB | baseline PSS MiB | after load PSS MiB | after retention PSS MiB |");
            Line(md, "|---|---:|---:|---:|---:|---:|---:|");
            static string Or(double? value) => value is { } v ? v.ToString("0", CultureInfo.InvariantCulture) : "–";
            foreach (var p in memory.Processes)
            {
                Line(md, $"| {p.Name} | {p.BaselineRssMiB:0} | {p.AfterLoadRssMiB:0} | {Or(p.AfterRetentionRssMiB)} | {p.BaselinePssMiB:0} | {p.AfterLoadPssMiB:0} | {Or(p.AfterRetentionPssMiB)} |");
            }
            Line(md);
            if (memory.RedisBaseline is { } rb && memory.RedisAfterLoad is { } ra)
            {
                Line(md, "| Redis | baseline | after load | after retention |");
                Line(md, "|---|---:|---:|---:|");
                var rr = memory.RedisAfterRetention;
                Line(md, $"| used_memory MiB | {rb.UsedMiB:0.0} | {ra.UsedMiB:0.0} | {(rr is null ? "–" : rr.UsedMiB.ToString("0.0", CultureInfo.InvariantCulture))} |");
                Line(md, $"| used_memory_rss MiB | {rb.RssMiB:0.0} | {ra.RssMiB:0.0} | {(rr is null ? "–" : rr.RssMiB.ToString("0.0", CultureInfo.InvariantCulture))} |");
                Line(md, $"| keys | {rb.Keys} | {ra.Keys} | {(rr is null ? "–" : rr.Keys.ToString(CultureInfo.InvariantCulture))} |");
                Line(md, $"| jobs kept | {rb.Jobs} | {ra.Jobs} | {(rr is null ? "–" : rr.Jobs?.ToString(CultureInfo.InvariantCulture))} |");
                Line(md);
            }
        }

        if (report.Sweep.Count > 0)
        {
            Line(md, "## Sweep: workers per executor");
            Line(md);
            Line(md, $"A fresh system per row; {o.SweepJobs} jobs at {o.SweepConcurrency} concurrent after a warm-up of at least {Math.Min(o.WarmupJobs, o.SweepJobs)} jobs and {o.WarmupTime.TotalSeconds:0} s. " +
                "RSS: the system's processes' peaks summed (harness excluded); CPU: % of one core summed per role over the phase.");
            Line(md);
            Line(md, "| topology | workers | executors | jobs/s | p50 ms | p95 ms | p99 ms | completed | all healthy s | peak RSS MiB | CPU % all | executors | workers | control plane | redis | error |");
            Line(md, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            foreach (var p in report.Sweep)
            {
                Line(md, $"| {p.Topology} | {p.Workers} | {p.Executors} | **{p.JobsPerSecond:0.0}** | {p.Latency.P50:0.0} | {p.Latency.P95:0.0} | {p.Latency.P99:0.0} | {p.Completed}/{p.Jobs} | {N(p.AllHealthySeconds)} | " +
                    $"{p.SystemPeakRssMiB:0} | {p.SystemCpuPercent:0} | {p.ExecutorCpuPercent:0} | {p.WorkerCpuPercent:0} | {p.ControlPlaneCpuPercent:0} | {p.RedisCpuPercent:0} | {p.Error ?? (p.Errors.Count > 0 ? Join(p.Errors) : "")} |");
            }
            Line(md);
            Line(md, "![throughput vs workers](throughput-vs-workers.png)");
            Line(md);
            Line(md, "![latency vs workers](latency-vs-workers.png)");
            Line(md);
        }

        if (report.ServiceErrorLines.Count > 0)
        {
            Line(md, $"Lines the services logged as errors during the main run (services.log): {Join(report.ServiceErrorLines)}.");
            Line(md);
        }
        return md.ToString();
    }

    // The build sets InvariantGlobalization: interpolated numbers are formatted the invariant way.
    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');

    private static string N(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "–";

    private static string X(double? ratio) => ratio is { } r ? r.ToString("0", CultureInfo.InvariantCulture) + "×" : "–";

    private static string F(double? ratio) => ratio is { } r ? r.ToString("0.000", CultureInfo.InvariantCulture) : "–";

    private static string Join(IReadOnlyDictionary<string, int> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value}")));
}
