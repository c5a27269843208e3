namespace MvmCi.Execution.Durable;

/// <summary>
/// Where a durable execution's journal lives: one ordered list of entries per job, kept across attempts.
/// Writes are fenced by the attempt number, so a run that lost its lease cannot write after its successor.
/// The calls are synchronous because they are made from the guest's thread, inside a host call.
/// </summary>
public interface IJournalStore
{
    /// <summary>Every entry recorded for the job so far, in order.</summary>
    IReadOnlyList<string> Load(string jobId);

    /// <summary>Appends entries if the job is still on <paramref name="attempt"/> and the journal still has <paramref name="expectedLength"/> entries.</summary>
    JournalWrite Append(string jobId, int attempt, long expectedLength, IReadOnlyList<string> entries);

    /// <summary>Replaces the entry at <paramref name="index"/> (a started HTTP call that completed) if the job is still on <paramref name="attempt"/>.</summary>
    JournalWrite Replace(string jobId, int attempt, long index, string entry);
}
