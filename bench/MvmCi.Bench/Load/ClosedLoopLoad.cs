using System.Collections.Concurrent;
using System.Diagnostics;
using MvmCi.Jobs.State;

namespace MvmCi.Bench.Load;

/// <summary>
/// A closed loop: <c>concurrency</c> logical clients, each submitting a job, long-polling it until it is final and
/// starting the next, until <c>jobs</c> have been started. A job's latency runs from just before its POST to the answer
/// that shows it final; the phase's wall time from the first POST to the last answer. With
/// <paramref name="oneRequest"/> a client submits with <c>?wait=</c> and long-polls only a job not final by then.
/// </summary>
public sealed class ClosedLoopLoad(JobApi api, string module, TimeSpan jobTimeout, bool oneRequest = false)
{
    public async Task<LoadRun> RunAsync(int jobs, int concurrency, CancellationToken cancellationToken)
    {
        var remaining = jobs;
        var samples = new ConcurrentBag<JobSample>();
        var errors = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var submitFailures = 0;
        var timedOut = 0;

        async Task ClientAsync()
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                var started = Stopwatch.GetTimestamp();
                JobDocument submitted;
                try
                {
                    submitted = await api.SubmitAsync(module, oneRequest ? JobApi.LongPoll : null, cancellationToken);
                }
                catch (Exception ex) when (Describe(ex, cancellationToken) is { } kind)
                {
                    errors.AddOrUpdate(kind, 1, (_, n) => n + 1);
                    Interlocked.Increment(ref submitFailures);
                    continue;
                }
                var id = submitted.Id;
                if ((JobStatus.IsTerminal(submitted.Status) ? submitted : await WaitFinalAsync(id, started, errors, cancellationToken)) is { } job)
                {
                    samples.Add(new JobSample(id, Stopwatch.GetElapsedTime(started).TotalMilliseconds, job.Status, job.WorkerId, job.ClaimedAt, job.FailureReason));
                }
                else
                {
                    Interlocked.Increment(ref timedOut);
                }
            }
        }

        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, jobs)).Select(_ => Task.Run(ClientAsync, cancellationToken)));
        wall.Stop();
        return new LoadRun(jobs, concurrency, wall.Elapsed.TotalSeconds, [.. samples], submitFailures, timedOut,
            errors.OrderBy(e => e.Key, StringComparer.Ordinal).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal));
    }

    /// <summary>Long-polls until the job is final; a failed poll is counted and retried; null when the job's time is up.</summary>
    private async Task<JobDocument?> WaitFinalAsync(string id, long started, ConcurrentDictionary<string, int> errors, CancellationToken cancellationToken)
    {
        while (true)
        {
            var left = jobTimeout - Stopwatch.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                errors.AddOrUpdate("timeout: not final within " + jobTimeout.TotalSeconds + " s", 1, (_, n) => n + 1);
                return null;
            }
            var wait = left < JobApi.LongPoll ? left : JobApi.LongPoll;
            try
            {
                using var poll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                poll.CancelAfter(wait + TimeSpan.FromSeconds(10));
                var job = await api.WaitAsync(id, wait, poll.Token);
                if (JobStatus.IsTerminal(job.Status))
                {
                    return job;
                }
            }
            catch (Exception ex) when (Describe(ex, cancellationToken) is { } kind)
            {
                errors.AddOrUpdate(kind, 1, (_, n) => n + 1);
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
        }
    }

    /// <summary>The report's name for a failed request; null (not caught) when the run itself is being cancelled.</summary>
    private static string? Describe(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        _ when cancellationToken.IsCancellationRequested => null,
        ApiFailureException api => api.Kind,
        HttpRequestException http => "http: " + (http.HttpRequestError == HttpRequestError.Unknown ? http.Message : http.HttpRequestError.ToString()),
        OperationCanceledException => "http: request timed out",
        System.Text.Json.JsonException => "json: unreadable answer",
        _ => null,
    };
}
