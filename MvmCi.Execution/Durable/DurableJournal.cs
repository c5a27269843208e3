using MvmCi.Execution.Host;
using MvmCi.Jobs.State;

namespace MvmCi.Execution.Durable;

/// <summary>
/// The journal of one run: replays what earlier attempts recorded, in order, then records new calls.
/// Throws <see cref="JournalUnavailableException"/> when the journal cannot be read.
/// Calls without an outside effect (clocks, random) are buffered and written with the next call that
/// has one (HTTP, sleep, log, progress) or at the end of the run, in one round trip.
/// </summary>
internal sealed class DurableJournal
{
    private readonly IJournalStore _store;
    private readonly string _jobId;
    private readonly int _attempt;
    private readonly IReadOnlyList<string> _recorded;
    private readonly List<string> _buffer = [];
    private int _position;
    private long _persisted;

    public DurableJournal(IJournalStore store, string jobId, int attempt)
    {
        (_store, _jobId, _attempt) = (store, jobId, attempt);
        _recorded = store.Load(jobId);
        _persisted = _recorded.Count;
    }

    /// <summary>The position of the next call.</summary>
    public int Position => _position;

    /// <summary>
    /// The recorded result of the next call, when there is one: its kind must be <paramref name="kind"/>
    /// (else the guest did not replay deterministically).
    /// </summary>
    public JournalEntry? Replay(string kind, string what)
    {
        if (_position >= _recorded.Count)
        {
            return null;
        }
        var entry = JournalEntry.Parse(_recorded[_position]);
        if (entry.Kind != kind)
        {
            throw new HostCallException(FailureReasons.Nondeterministic,
                $"Replay diverged at journal entry {_position}: the guest called {what}, but the journal recorded '{entry.Kind}' there. " +
                "A durable guest must make the same host calls, in the same order, given the same results.");
        }
        _position++;
        return entry;
    }

    /// <summary>Records a new call's result at the current position; with <paramref name="flush"/>, writes it (and anything buffered) now.</summary>
    public int Record(JournalEntry entry, bool flush)
    {
        var index = _position++;
        _buffer.Add(entry.Serialize());
        if (flush)
        {
            Flush();
        }
        return index;
    }

    /// <summary>Replaces an entry already written (a started HTTP call that has its reply now).</summary>
    public void Replace(int index, JournalEntry entry)
    {
        Flush();
        Check(Write(() => _store.Replace(_jobId, _attempt, index, entry.Serialize())));
    }

    /// <summary>Writes the buffered entries.</summary>
    public void Flush()
    {
        if (_buffer.Count == 0)
        {
            return;
        }
        Check(Write(() => _store.Append(_jobId, _attempt, _persisted, _buffer)));
        _persisted += _buffer.Count;
        _buffer.Clear();
    }

    private static JournalWrite Write(Func<JournalWrite> write)
    {
        try
        {
            return write();
        }
        catch (JournalUnavailableException ex)
        {
            throw new HostCallException(FailureReasons.ExecutorError, $"The durable journal could not be written: {ex.Message}");
        }
    }

    private void Check(JournalWrite write)
    {
        switch (write)
        {
            case JournalWrite.Fenced:
                throw new HostCallException(FailureReasons.LeaseLost,
                    $"The journal refused attempt {_attempt}: the job is running as a newer attempt elsewhere.");
            case JournalWrite.Conflict:
                throw new HostCallException(FailureReasons.LeaseLost,
                    "The journal changed under this run: another attempt is writing it.");
        }
    }
}
