using MvmCi.Execution.Durable;

namespace MvmCi.Benchmarks;

/// <summary>Journals in memory, without fencing: the benchmarked guests are not durable, so this is only wiring.</summary>
internal sealed class InMemoryJournalStore : IJournalStore
{
    private readonly Dictionary<string, List<string>> _journals = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public IReadOnlyList<string> Load(string jobId)
    {
        lock (_lock)
        {
            return _journals.TryGetValue(jobId, out var entries) ? [.. entries] : [];
        }
    }

    public JournalWrite Append(string jobId, int attempt, long expectedLength, IReadOnlyList<string> entries)
    {
        lock (_lock)
        {
            var journal = _journals.TryGetValue(jobId, out var list) ? list : _journals[jobId] = [];
            if (journal.Count != expectedLength)
            {
                return JournalWrite.Conflict;
            }
            journal.AddRange(entries);
            return JournalWrite.Written;
        }
    }

    public JournalWrite Replace(string jobId, int attempt, long index, string entry)
    {
        lock (_lock)
        {
            if (!_journals.TryGetValue(jobId, out var journal) || index >= journal.Count)
            {
                return JournalWrite.Conflict;
            }
            journal[(int)index] = entry;
            return JournalWrite.Written;
        }
    }
}
