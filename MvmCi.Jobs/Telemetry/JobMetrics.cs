using System.Diagnostics.Metrics;

namespace MvmCi.Jobs.Telemetry;

/// <summary>
/// MvmCi's job metrics (meter <c>MvmCi.Jobs</c>, instruments <c>mvmci.*</c>), recorded where each thing
/// happens: submits in the control plane, outcomes and leases in the workers.
/// </summary>
public sealed class JobMetrics : IDisposable
{
    public const string MeterName = "MvmCi.Jobs";

    private readonly Meter _meter;
    private readonly Counter<long> _submitted;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _failed;
    private readonly Histogram<double> _latency;

    /// <param name="meters">The host's meter factory; without one (tests, benchmarks) the meter is created directly.</param>
    public JobMetrics(IMeterFactory? meters = null)
    {
        _meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        _submitted = _meter.CreateCounter<long>("mvmci.jobs.submitted", "{job}", "Jobs accepted by POST /api/jobs.");
        _completed = _meter.CreateCounter<long>("mvmci.jobs.completed", "{job}", "Jobs that ended completed.");
        _failed = _meter.CreateCounter<long>("mvmci.jobs.failed", "{job}", "Jobs that ended failed or cancelled, by failure reason.");
        _latency = _meter.CreateHistogram<double>("mvmci.job.latency", "s", "From submit to the stored outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });
    }

    /// <summary>Reports <c>mvmci.leases.running</c>: the leases a worker holds (the jobs it runs), read when metrics are collected.</summary>
    public void TrackRunningLeases(string workerId, Func<int> running)
    {
        var tag = new KeyValuePair<string, object?>("mvmci.worker.id", workerId);
        _meter.CreateObservableGauge("mvmci.leases.running", () => new Measurement<int>(running(), tag), "{lease}",
            "Leases a worker holds: the jobs it runs now.");
    }

    /// <summary>
    /// Reports <c>mvmci.queue.depth</c>, <c>mvmci.queue.in_flight</c> and <c>mvmci.queue.lag</c> per queue and priority,
    /// from the latest snapshot <paramref name="latest"/> returns (taken by a sampler, so collecting never waits on Redis).
    /// </summary>
    public void TrackQueues(Func<IReadOnlyList<Contracts.QueueInfo>> latest)
    {
        static KeyValuePair<string, object?>[] Tags(Contracts.QueueInfo q) =>
            [new("mvmci.queue", q.Queue), new("mvmci.queue.priority", q.Priority)];
        _meter.CreateObservableGauge("mvmci.queue.depth", () => latest().Select(q => new Measurement<long>(q.Waiting, Tags(q))),
            "{job}", "Entries on the queue no worker has read yet.");
        _meter.CreateObservableGauge("mvmci.queue.in_flight", () => latest().Select(q => new Measurement<long>(q.InFlight, Tags(q))),
            "{job}", "Entries read by a worker and not acknowledged yet (claimed or running jobs).");
        _meter.CreateObservableGauge("mvmci.queue.lag", () => latest().Select(q => new Measurement<double>(q.OldestWaitingSeconds, Tags(q))),
            "s", "How long the oldest entry no worker has read yet has waited.");
    }

    public void Submitted(string queue) => _submitted.Add(1, new KeyValuePair<string, object?>("mvmci.queue", queue));

    /// <summary>An outcome stored by a worker; <paramref name="createdAt"/> is the job's submit time.</summary>
    public void Finished(string queue, string? failureReason, DateTimeOffset createdAt, DateTimeOffset now)
    {
        var queueTag = new KeyValuePair<string, object?>("mvmci.queue", queue);
        if (failureReason is null)
        {
            _completed.Add(1, queueTag);
        }
        else
        {
            _failed.Add(1, queueTag, new KeyValuePair<string, object?>("mvmci.failure_reason", failureReason));
        }
        _latency.Record(Math.Max(0, (now - createdAt).TotalSeconds), queueTag,
            new KeyValuePair<string, object?>("mvmci.outcome", failureReason is null ? "completed" : "failed"));
    }

    public void Dispose() => _meter.Dispose();
}
