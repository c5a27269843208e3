using System.Diagnostics;

namespace MvmCi.Bench.Processes;

/// <summary>
/// Watches a set of processes through one phase: <see cref="Start"/> takes the idle sample and starts sampling
/// RSS every 250 ms, <see cref="StopAsync"/> ends sampling and reads CPU time; <see cref="Finish"/> adds the
/// sample after the phase settled.
/// </summary>
public sealed class ProcessSampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly IReadOnlyList<ServiceProcess> _processes;
    private readonly Dictionary<int, long> _idle = [];
    private readonly Dictionary<int, long> _peak = [];
    private readonly Dictionary<int, double> _cpuBefore = [];
    private readonly Dictionary<int, double> _cpuAfter = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _wall = new();
    private (long Busy, long Total) _machineBefore;
    private (long Busy, long Total) _machineAfter;
    private Task? _sampling;

    private ProcessSampler(IReadOnlyList<ServiceProcess> processes) => _processes = processes;

    public static ProcessSampler Start(IReadOnlyList<ServiceProcess> processes)
    {
        var sampler = new ProcessSampler(processes);
        foreach (var process in processes)
        {
            var rss = ProcFs.ResidentBytes(process.Pid) ?? 0;
            sampler._idle[process.Pid] = rss;
            sampler._peak[process.Pid] = rss;
            sampler._cpuBefore[process.Pid] = ProcFs.CpuSeconds(process.Pid) ?? 0;
        }
        sampler._machineBefore = ProcFs.MachineCpuTicks();
        sampler._wall.Start();
        sampler._sampling = sampler.SampleAsync(sampler._stop.Token);
        return sampler;
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                lock (_peak)
                {
                    foreach (var process in _processes)
                    {
                        if (ProcFs.ResidentBytes(process.Pid) is { } rss && rss > _peak[process.Pid])
                        {
                            _peak[process.Pid] = rss;
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Ends the phase: stops sampling and reads each process's CPU time.</summary>
    public async Task StopAsync()
    {
        _wall.Stop();
        _machineAfter = ProcFs.MachineCpuTicks();
        foreach (var process in _processes)
        {
            _cpuAfter[process.Pid] = ProcFs.CpuSeconds(process.Pid) ?? _cpuBefore[process.Pid];
        }
        await _stop.CancelAsync();
        if (_sampling is not null)
        {
            await _sampling;
        }
    }

    /// <summary>
    /// How busy the whole machine was over the phase, as % of one core (all cores busy = 100 × cores), like the
    /// processes' figures: the difference to their sum is work no measured process was charged with (DCP, the kernel).
    /// </summary>
    public double MachineCpuPercent
    {
        get
        {
            var total = _machineAfter.Total - _machineBefore.Total;
            return total <= 0 ? 0 : 100.0 * Environment.ProcessorCount * (_machineAfter.Busy - _machineBefore.Busy) / total;
        }
    }

    /// <summary>The usage of every process, with the RSS now as the "after" figure (call once the system settled).</summary>
    public IReadOnlyList<ProcessUsage> Finish()
    {
        const double MiB = 1024 * 1024;
        var seconds = Math.Max(_wall.Elapsed.TotalSeconds, 1e-9);
        lock (_peak)
        {
            return [.. _processes.Select(p =>
            {
                var cpu = _cpuAfter.GetValueOrDefault(p.Pid) - _cpuBefore[p.Pid];
                return new ProcessUsage(p.Name, p.Role, p.Pid, _idle[p.Pid] / MiB, _peak[p.Pid] / MiB,
                    (ProcFs.ResidentBytes(p.Pid) ?? 0) / MiB, 100 * cpu / seconds, cpu);
            })];
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }
        if (_sampling is not null)
        {
            await _sampling;
        }
        _stop.Dispose();
    }
}
