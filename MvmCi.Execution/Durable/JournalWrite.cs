namespace MvmCi.Execution.Durable;

/// <summary>How a journal write ended.</summary>
public enum JournalWrite
{
    Written,

    /// <summary>The job is on another attempt now: this run lost its lease.</summary>
    Fenced,

    /// <summary>The journal changed under this run (its length was not the expected one).</summary>
    Conflict,
}
