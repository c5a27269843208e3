using MvmCi.Execution.Durable;
using MvmCi.Jobs.Redis;
using StackExchange.Redis;

namespace MvmCi.Execution.Storage;

/// <summary>Durable-execution journals in Redis; a Redis failure becomes <see cref="JournalUnavailableException"/>.</summary>
public sealed class RedisJournalStore(JournalStore journal) : IJournalStore
{
    public IReadOnlyList<string> Load(string jobId) => Guard(() => journal.Load(jobId));

    public JournalWrite Append(string jobId, int attempt, long expectedLength, IReadOnlyList<string> entries) =>
        Map(Guard(() => journal.Append(jobId, attempt, expectedLength, entries)));

    public JournalWrite Replace(string jobId, int attempt, long index, string entry) =>
        Map(Guard(() => journal.Replace(jobId, attempt, index, entry)));

    private static JournalWrite Map(string reply) => reply switch
    {
        "ok" => JournalWrite.Written,
        "fenced" => JournalWrite.Fenced,
        _ => JournalWrite.Conflict,
    };

    private static T Guard<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException or TimeoutException)
        {
            throw new JournalUnavailableException(ex.Message, ex);
        }
    }
}
