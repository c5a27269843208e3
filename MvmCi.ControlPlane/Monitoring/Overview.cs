using MvmCi.Jobs.Redis;
using MvmCi.Jobs.Contracts;

namespace MvmCi.ControlPlane.Monitoring;

/// <summary>The cluster at a glance (<c>GET /api/overview</c>): Redis, workers, executors, job counts, queues and throughput.</summary>
public sealed record Overview(
    DateTimeOffset At, RedisHealth Redis, WorkerSummary Workers, ExecutorSummary Executors, QueueStats Stats,
    IReadOnlyList<QueueInfo> Queues, ThroughputSummary Throughput);
