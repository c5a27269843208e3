using System.ComponentModel.DataAnnotations;

namespace MvmCi.Worker.Options;

/// <summary>The worker's settings (configuration section <c>Worker</c>).</summary>
public sealed class WorkerOptions
{
    public const string SectionName = "Worker";

    /// <summary>The consumer name in the stream group and the <c>workerId</c> shown on jobs. Must be unique per worker.</summary>
    [Required, RegularExpression("^[A-Za-z0-9_.:-]{1,128}$")]
    public string Id { get; set; } = $"worker-{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>The queues this worker serves.</summary>
    [Required, MinLength(1)]
    public string[] Queues { get; set; } = ["default"];

    /// <summary>
    /// <see cref="Queues"/> without repeats: configuration binding appends configured items to the
    /// default array, so "default" can appear twice.
    /// </summary>
    public IReadOnlyList<string> DistinctQueues => [.. Queues.Distinct(StringComparer.Ordinal)];

    /// <summary>Jobs run at once by this worker.</summary>
    [Range(1, 1024)]
    public int Concurrency { get; set; } = 4;

    /// <summary>Base address of the executor; a service-discovery name in Aspire.</summary>
    [Required]
    public Uri ExecutorUrl { get; set; } = new("http://flawless");

    /// <summary>A pool of executors, called round-robin (the pool topology); when empty, <see cref="ExecutorUrl"/> alone.</summary>
    public Uri[] ExecutorUrls { get; set; } = [];

    /// <summary><c>remote</c> (call Flawless over HTTP) or <c>embedded</c> (run guests in this process).</summary>
    [Required, RegularExpression("^(remote|embedded)$", ErrorMessage = "Worker:Executor must be 'remote' or 'embedded'.")]
    public string Executor { get; set; } = RemoteExecutor;

    public const string RemoteExecutor = "remote";
    public const string EmbeddedExecutor = "embedded";

    /// <summary>How long an executor may take to accept a call (answer its headers) before it counts as unreachable.</summary>
    [Range(1, 600)]
    public int ExecutorConnectTimeoutSeconds { get; set; } = 10;

    /// <summary>How long an executor that could not be reached is left out of the rotation.</summary>
    [Range(1, 3600)]
    public int ExecutorDownSeconds { get; set; } = 30;

    /// <summary>Longest wait between two reads of an idle queue; a submit wakes workers sooner through pub/sub.</summary>
    [Range(10, 60_000)]
    public int MaxPollIntervalMilliseconds { get; set; } = 1000;

    /// <summary>How long the executor may take to start a guest (queueing for a slot included), beyond the job's own timeout.</summary>
    [Range(1, 3600)]
    public int ExecutorGraceSeconds { get; set; } = 120;

    /// <summary>
    /// How long a claim holds without renewal. The worker renews every third of it while the job runs;
    /// when it lapses (worker killed, partitioned, hung) another worker reclaims the job as its next attempt.
    /// </summary>
    [Range(1, 3600)]
    public int LeaseTtlSeconds { get; set; } = 15;

    /// <summary>On SIGTERM, how long running jobs may go on before they are interrupted and handed back.</summary>
    [Range(0, 3600)]
    public int DrainGraceSeconds { get; set; } = 30;

    /// <summary>Attempts to reach the executor before a job fails with <c>executor_unavailable</c>.</summary>
    [Range(1, 100)]
    public int ExecutorConnectAttempts { get; set; } = 5;
}
