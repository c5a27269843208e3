using System.CommandLine;
using System.Globalization;
using MvmCi.Bench.Harness;
using MvmCi.Bench.Options;

namespace MvmCi.Bench;

/// <summary>
/// The command line: <c>dotnet run -c Release --project bench/MvmCi.Bench -- [options]</c>. Parses the options into
/// <see cref="BenchOptions"/>, runs the <see cref="BenchHarness"/>, and turns a bad option into one line and exit code 2.
/// </summary>
public static class BenchCommand
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;

    public static RootCommand Build(TextWriter log)
    {
        var defaults = new BenchOptions();
        var url = new Option<string?>("--url") { Description = "Target a running control plane (e.g. http://localhost:3020) instead of starting the AppHost." };
        var redis = new Option<string?>("--redis") { Description = "With --url: the system's Redis (host:port) for the Redis floor; without it that floor is skipped." };
        var topology = new Option<string>("--topology") { Description = "shared, per-worker, pool or embedded.", DefaultValueFactory = _ => defaults.Topology };
        topology.AcceptOnlyFromAmong([.. BenchOptions.Topologies]);
        var workers = new Option<int>("--workers") { Description = "Workers the AppHost starts.", DefaultValueFactory = _ => defaults.Workers };
        var executors = new Option<int>("--executors") { Description = "Executors of the pool topology (and of the sweep's pool rows).", DefaultValueFactory = _ => defaults.Executors };
        var slots = new Option<int?>("--slots") { Description = "Jobs each worker runs at once (the AppHost's --slots; default: the worker's own, 4)." };
        var retention = new Option<int?>("--retention")
        {
            Description = "Seconds finished jobs are kept (the AppHost's --retention); then the run waits for them to go and measures memory again.",
        };
        var oneRequest = new Option<bool>("--one-request") { Description = "Clients submit with ?wait= (one request per job) instead of a submit and then a long poll." };
        var jobs = new Option<int>("--jobs") { Description = "Jobs measured per concurrency level.", DefaultValueFactory = _ => defaults.Jobs };
        var levels = new Option<string>("--levels") { Description = "Concurrency levels (logical clients), comma-separated.", DefaultValueFactory = _ => string.Join(',', defaults.Levels) };
        var concurrency = new Option<int?>("--concurrency") { Description = "One concurrency level (the same as --levels N)." };
        var warmup = new Option<int>("--warmup") { Description = "Jobs run before each measured phase, not measured.", DefaultValueFactory = _ => defaults.WarmupJobs };
        var warmupSeconds = new Option<double>("--warmup-seconds") { Description = "The warm-up goes on at least this many seconds (JIT tiering).", DefaultValueFactory = _ => defaults.WarmupTime.TotalSeconds };
        var jobTimeout = new Option<int>("--job-timeout") { Description = "Seconds a job may take to be final before it counts as timed out.", DefaultValueFactory = _ => (int)defaults.JobTimeout.TotalSeconds };
        var floorIterations = new Option<int>("--floor-iterations") { Description = "Iterations of each floor timed one at a time.", DefaultValueFactory = _ => defaults.FloorIterations };
        var sweep = new Option<bool>("--sweep") { Description = "Also run the sweep: each topology × worker count on a fresh system." };
        var skipLevels = new Option<bool>("--skip-levels") { Description = "With --sweep: only the sweep." };
        var sweepTopologies = new Option<string>("--sweep-topologies") { Description = "Topologies of the sweep, comma-separated.", DefaultValueFactory = _ => string.Join(',', defaults.SweepTopologies) };
        var sweepWorkers = new Option<string>("--sweep-workers") { Description = "Worker counts of the sweep, comma-separated.", DefaultValueFactory = _ => string.Join(',', defaults.SweepWorkers) };
        var sweepJobs = new Option<int>("--sweep-jobs") { Description = "Jobs measured per sweep configuration.", DefaultValueFactory = _ => defaults.SweepJobs };
        var sweepConcurrency = new Option<int>("--sweep-concurrency") { Description = "Concurrent clients per sweep configuration.", DefaultValueFactory = _ => defaults.SweepConcurrency };
        var settle = new Option<double>("--settle") { Description = "Seconds to let the processes settle around a phase (idle and after samples).", DefaultValueFactory = _ => defaults.SettleTime.TotalSeconds };
        var output = new Option<string?>("--out") { Description = "Directory for report.json, report.md and the charts (default artifacts/bench/<timestamp>)." };

        var root = new RootCommand("Load test of MvmCi: throughput, latency, processes and start times against the Redis and Wasmtime floors; with --sweep, workers per executor.")
        {
            url, redis, topology, workers, executors, slots, retention, oneRequest, jobs, levels, concurrency, warmup, warmupSeconds, jobTimeout, floorIterations,
            sweep, skipLevels, sweepTopologies, sweepWorkers, sweepJobs, sweepConcurrency, settle, output,
        };
        root.SetAction(async (parsed, cancellationToken) =>
        {
            BenchOptions options;
            try
            {
                options = new BenchOptions
                {
                    Url = parsed.GetValue(url) is { } u ? ParseUrl(u) : null,
                    Redis = parsed.GetValue(redis),
                    Topology = parsed.GetRequiredValue(topology),
                    Workers = parsed.GetValue(workers),
                    Executors = parsed.GetValue(executors),
                    Slots = parsed.GetValue(slots),
                    Retention = parsed.GetValue(retention),
                    OneRequest = parsed.GetValue(oneRequest),
                    Jobs = parsed.GetValue(jobs),
                    Levels = parsed.GetValue(concurrency) is { } single ? [single] : ParseInts(parsed.GetRequiredValue(levels), "--levels"),
                    WarmupJobs = parsed.GetValue(warmup),
                    WarmupTime = TimeSpan.FromSeconds(parsed.GetValue(warmupSeconds)),
                    JobTimeout = TimeSpan.FromSeconds(parsed.GetValue(jobTimeout)),
                    FloorIterations = parsed.GetValue(floorIterations),
                    Sweep = parsed.GetValue(sweep),
                    SkipLevels = parsed.GetValue(skipLevels),
                    SweepTopologies = ParseList(parsed.GetRequiredValue(sweepTopologies)),
                    SweepWorkers = ParseInts(parsed.GetRequiredValue(sweepWorkers), "--sweep-workers"),
                    SweepJobs = parsed.GetValue(sweepJobs),
                    SweepConcurrency = parsed.GetValue(sweepConcurrency),
                    SettleTime = TimeSpan.FromSeconds(parsed.GetValue(settle)),
                    Out = parsed.GetValue(output),
                };
                options.Validate();
            }
            catch (ArgumentException ex)
            {
                await parsed.InvocationConfiguration.Error.WriteLineAsync($"mvmci-bench: {ex.Message}");
                return Usage;
            }
            var result = await new BenchHarness(options, log).RunAsync("mvmci-bench " + string.Join(' ', parsed.Tokens.Select(t => t.Value)), cancellationToken);
            var report = result.Report;
            var incomplete = report.Levels.Sum(l => l.Jobs - l.Completed) + report.Sweep.Sum(p => p.Jobs - p.Completed);
            foreach (var file in result.Files)
            {
                await parsed.InvocationConfiguration.Output.WriteLineAsync(file);
            }
            return incomplete == 0 ? Success : Failure;
        });
        return root;
    }

    private static Uri ParseUrl(string text) =>
        Uri.TryCreate(text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text, UriKind.Absolute, out var uri)
            ? uri
            : throw new ArgumentException($"--url '{text}' is not an address.");

    private static string[] ParseList(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static int[] ParseInts(string text, string option) =>
        [.. ParseList(text).Select(part => int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"{option} must be whole numbers separated by commas; got '{part}'.", option))];
}
