using MvmCi.Jobs.Contracts;

namespace MvmCi.Jobs.Redis;

/// <summary>Live logs: the pieces of output a running job writes, in a stream per job.</summary>
public sealed partial class JobStore
{
    /// <summary>Most pieces kept per job; the oldest go first (the whole output is on the job when it ends).</summary>
    public const int MaxLogEntries = 10_000;

    public async Task AppendLogAsync(string id, int attempt, string stream, string text, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await Db.StreamAddAsync(keys.JobLogs(id), [new("stream", stream), new("text", text), new("attempt", attempt)],
            maxLength: MaxLogEntries, useApproximateMaxLength: true).ConfigureAwait(false);
    }

    /// <summary>The pieces after <paramref name="after"/> (a previous piece's id), oldest first.</summary>
    public async Task<IReadOnlyList<LogEntry>> GetLogsAsync(string id, string? after, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var entries = await Db.StreamRangeAsync(keys.JobLogs(id), after is null ? "-" : "(" + after, "+", limit).ConfigureAwait(false);
        return [.. entries.Select(e => new LogEntry(e.Id.ToString(), e["stream"].ToString(), e["text"].ToString(), (int)e["attempt"]))];
    }
}
