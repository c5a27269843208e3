using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace MvmCi.Jobs.Redis;

/// <summary>
/// The Redis key layout. All keys start with the configured prefix:
/// <list type="bullet">
/// <item><c>{p}:job:{id}</c> hash: one job's spec, status and outcome; <c>{p}:job:{id}:events</c> stream: its history.</item>
/// <item><c>{p}:jobs</c> sorted set (score 0, lexical order of time-ordered ids): every job.</item>
/// <item><c>{p}:jobs:{status}</c> sorted sets: the jobs in each status, kept by the transition script.</item>
/// <item><c>{p}:queue:{queue}</c> stream: the work queue, read through the consumer group.</item>
/// <item><c>{p}:module:{digest}</c> hash and <c>{p}:module:{digest}:wasm</c> string: a module's metadata and bytes.</item>
/// <item><c>{p}:modules</c> sorted set by upload time, <c>{p}:alias:{name@version}</c> string: the registry.</item>
/// <item><c>{p}:queues</c> set: queue names; <c>{p}:minute:{n}</c> hash: per-minute outcome counts.</item>
/// <item><c>{p}:worker:{id}</c>, <c>{p}:executor:{id}</c> hashes and <c>{p}:workers</c>, <c>{p}:executors</c> sets: heartbeats.</item>
/// </list>
/// </summary>
public sealed class RedisKeys(IOptions<KeyspaceOptions> options)
{
    private readonly string _prefix = options.Value.Prefix;

    public string ConsumerGroup { get; } = options.Value.ConsumerGroup;

    public RedisKey Job(string id) => $"{_prefix}:job:{id}";

    /// <summary>Stream of a job's status changes (its history).</summary>
    public RedisKey JobEvents(string id) => $"{_prefix}:job:{id}:events";

    /// <summary>Stream of a job's live output (stdout and stderr pieces, every attempt).</summary>
    public RedisKey JobLogs(string id) => $"{_prefix}:job:{id}:logs";

    public RedisKey AllJobs => $"{_prefix}:jobs";

    /// <summary>Final jobs, scored by when they became final (ms): what retention removes, oldest first.</summary>
    public RedisKey Finished => $"{_prefix}:finished";

    /// <summary>The prefix the Lua scripts append a status to.</summary>
    public string StatusSetPrefix => $"{_prefix}:jobs:";

    public RedisKey JobsInStatus(string status) => StatusSetPrefix + status;

    public RedisKey Queue(string queue) => $"{_prefix}:queue:{queue}";

    /// <summary>
    /// The stream a job of <paramref name="queue"/> and <paramref name="priority"/> is queued on: the
    /// queue's own name for priority 0, <c>queue:priority</c> above it. Workers read higher levels first.
    /// </summary>
    public static string StreamName(string queue, int priority) =>
        priority == 0 ? queue : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{queue}:{priority}");

    /// <summary>Set of the priority levels a queue has had jobs on.</summary>
    public RedisKey PriorityLevels(string queue) => $"{_prefix}:levels:{queue}";

    /// <summary>Pub/sub channel announcing new entries on a queue; the message is the entry's priority level.</summary>
    public string Wake(string queue) => $"{_prefix}:wake:{queue}";

    /// <summary>Sorted set of pending jobs waiting for a retry, by due time (ms).</summary>
    public RedisKey Delayed => $"{_prefix}:delayed";

    /// <summary>Sorted set of pending jobs by their earliest queue-wait or total deadline (ms).</summary>
    public RedisKey Deadlines => $"{_prefix}:deadlines";

    /// <summary>Stream of jobs that ended failed: the dead letters.</summary>
    public RedisKey DeadLetter => $"{_prefix}:deadletter";

    /// <summary>The job a client's Idempotency-Key created (the key is hashed: it is client text).</summary>
    public RedisKey Idempotency(string clientKey) =>
        $"{_prefix}:idem:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(clientKey)))}";

    /// <summary>The prefix the Lua scripts derive per-job and per-queue keys from.</summary>
    public string Prefix => _prefix;

    public RedisKey Worker(string id) => $"{_prefix}:worker:{id}";

    public RedisKey Workers => $"{_prefix}:workers";

    /// <summary>Pub/sub channel carrying the ids of workers asked to drain.</summary>
    public string DrainChannel => $"{_prefix}:drain";

    /// <summary>Pub/sub channel carrying the ids of claimed or running jobs asked to be cancelled.</summary>
    public string CancelChannel => $"{_prefix}:cancel";

    /// <summary>Pub/sub channel carrying the id of each job that reached a final status (completed, failed, cancelled).</summary>
    public string FinishedChannel => $"{_prefix}:finished";

    public RedisKey Module(string digest) => $"{_prefix}:module:{digest}";

    public RedisKey ModuleBytes(string digest) => $"{_prefix}:module:{digest}:wasm";

    public RedisKey Modules => $"{_prefix}:modules";

    public RedisKey Alias(string nameAtVersion) => $"{_prefix}:alias:{nameAtVersion}";

    /// <summary>The jobs ever submitted against a module (checked, and pruned, when the module is deleted).</summary>
    public RedisKey ModuleJobs(string digest) => $"{_prefix}:module:{digest}:jobs";

    /// <summary>A content-addressed blob (job inputs, artifacts).</summary>
    public RedisKey Blob(string digest) => $"{_prefix}:blob:{digest}";

    /// <summary>The durable-execution journal of a job: one entry per host call, kept across attempts.</summary>
    public RedisKey JobJournal(string id) => $"{_prefix}:job:{id}:journal";

    /// <summary>Set of every queue name a job was ever submitted to.</summary>
    public RedisKey QueueNames => $"{_prefix}:queues";

    /// <summary>
    /// Hash of the jobs submitted, completed, failed and cancelled during one minute (the minute's Unix
    /// time in minutes); kept for <see cref="MinuteBucketTtl"/>.
    /// </summary>
    public RedisKey Minute(DateTimeOffset at) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{_prefix}:minute:{at.ToUnixTimeSeconds() / 60}");

    /// <summary>How long a per-minute counter hash lives.</summary>
    public static readonly TimeSpan MinuteBucketTtl = TimeSpan.FromHours(2);

    public RedisKey Executor(string id) => $"{_prefix}:executor:{id}";

    public RedisKey Executors => $"{_prefix}:executors";

    /// <summary>Hash of one API key: the SHA-256 of its value, its name, role, rate limit and creation time.</summary>
    public RedisKey ApiKey(string id) => $"{_prefix}:apikey:{id}";

    /// <summary>Sorted set of API key ids by creation time.</summary>
    public RedisKey ApiKeys => $"{_prefix}:apikeys";

    /// <summary>Pub/sub channel carrying the id of each revoked API key, so every control plane forgets it at once.</summary>
    public string ApiKeyRevoked => $"{_prefix}:apikey-revoked";

    /// <summary>Hash of one job secret: its encrypted value and when it was set.</summary>
    public RedisKey Secret(string name) => $"{_prefix}:secret:{name}";

    /// <summary>Sorted set of secret names by when they were last set.</summary>
    public RedisKey Secrets => $"{_prefix}:secrets";
}
