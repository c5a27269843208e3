using MvmCi.Jobs.Contracts;
using StackExchange.Redis;

namespace MvmCi.Jobs.Redis;

/// <summary>Per-minute counts of submits and outcomes, written by the submit and transition scripts.</summary>
public sealed partial class JobStore
{
    /// <summary>The last <paramref name="minutes"/> minutes, oldest first, the current (partial) minute last; every minute is present.</summary>
    public async Task<IReadOnlyList<MinuteCounts>> GetMinutesAsync(int minutes, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = time.GetUtcNow();
        var start = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() / 60 * 60);
        var starts = Enumerable.Range(0, minutes).Select(i => start.AddMinutes(i - minutes + 1)).ToArray();
        var batch = Db.CreateBatch();
        RedisValue[] fields = ["submitted", "completed", "failed", "cancelled"];
        var reads = starts.Select(m => batch.HashGetAsync(keys.Minute(m), fields)).ToArray();
        batch.Execute();
        var values = await Task.WhenAll(reads).ConfigureAwait(false);
        static long Count(RedisValue v) => v.IsNull ? 0 : (long)v;
        return [.. starts.Select((m, i) => new MinuteCounts(m, Count(values[i][0]), Count(values[i][1]), Count(values[i][2]), Count(values[i][3])))];
    }
}
