using MvmCi.Bench.Load;
using MvmCi.Bench.Processes;
using MvmCi.Bench.Reporting;
using MvmCi.Bench.Systems;

namespace MvmCi.Bench.Harness;

/// <summary>
/// Worker start → first claim: from the moment the control plane is healthy, a small closed loop (two clients per
/// worker) keeps jobs coming until every worker has claimed one; each worker's first claim is the earliest
/// <c>claimedAt</c> among the jobs it ran, its start the start of its process as /proc gives it.
/// </summary>
public static class StartupProbe
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public static async Task<StartupReport> MeasureAsync(AppHostSystem system, JobApi api, ClosedLoopLoad load, int workers, double firstSubmitSeconds,
        CancellationToken cancellationToken)
    {
        var firstClaims = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Limit);
        try
        {
            while (firstClaims.Count < workers)
            {
                var run = await load.RunAsync(8 * workers, 2 * workers, limit.Token);
                foreach (var sample in run.Samples)
                {
                    if (sample is { WorkerId: { } id, ClaimedAt: { } claimed } && (!firstClaims.TryGetValue(id, out var known) || claimed < known))
                    {
                        firstClaims[id] = claimed;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Reported as workers without a first claim.
        }

        var timeline = await system.AllHealthy;
        var online = await ProcessFinder.OnlineWorkersAsync(api, cancellationToken);
        for (var waited = 0; online.Count < workers && waited < 120; waited++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            online = await ProcessFinder.OnlineWorkersAsync(api, cancellationToken);
        }
        var startups = online.OrderBy(w => w.Id.Length).ThenBy(w => w.Id, StringComparer.Ordinal).Select(w =>
        {
            var started = w.ProcessId is { } pid ? ProcFs.StartedAt(pid) : null;
            return new WorkerStartup(w.Id, w.ProcessId,
                started is { } s ? timeline.SecondsSinceStart(s) : null,
                timeline.Healthy.TryGetValue(w.Id, out var healthy) ? healthy : null,
                firstClaims.TryGetValue(w.Id, out var claim) ? timeline.SecondsSinceStart(claim) : null);
        }).ToList();
        return new StartupReport(timeline.AllHealthySeconds, timeline.Healthy, firstSubmitSeconds, startups);
    }
}
