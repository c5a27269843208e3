using MvmCi.Execution.Durable;

namespace MvmCi.Testing;

/// <summary>Journals in memory, fenced by attempt like the Redis one; <see cref="CurrentAttempt"/> plays the job hash's attempt.</summary>
public sealed class InMemoryJournalStore : IJournalStore
{
    private readonly Dictionary<string, List<string>> _journals = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The attempt allowed to write, per job (absent: any).</summary>
    public Dictionary<string, int> CurrentAttempt { get; } = new(StringComparer.Ordinal);

    public int Writes { get; private set; }

    public List<string> Entries(string jobId)
    {
        lock (_lock)
        {
            return _journals.TryGetValue(jobId, out var entries) ? [.. entries] : [];
        }
    }

    public IReadOnlyList<string> Load(string jobId) => Entries(jobId);

    public JournalWrite Append(string jobId, int attempt, long expectedLength, IReadOnlyList<string> entries)
    {
        lock (_lock)
        {
            if (CurrentAttempt.TryGetValue(jobId, out var current) && current != attempt)
            {
                return JournalWrite.Fenced;
            }
            var journal = _journals.TryGetValue(jobId, out var list) ? list : _journals[jobId] = [];
            if (journal.Count != expectedLength)
            {
                return JournalWrite.Conflict;
            }
            journal.AddRange(entries);
            Writes++;
            return JournalWrite.Written;
        }
    }

    public JournalWrite Replace(string jobId, int attempt, long index, string entry)
    {
        lock (_lock)
        {
            if (CurrentAttempt.TryGetValue(jobId, out var current) && current != attempt)
            {
                return JournalWrite.Fenced;
            }
            if (!_journals.TryGetValue(jobId, out var journal) || index >= journal.Count)
            {
                return JournalWrite.Conflict;
            }
            journal[(int)index] = entry;
            Writes++;
            return JournalWrite.Written;
        }
    }
}
