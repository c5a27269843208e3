using System.Diagnostics;
using MvmCi.Execution.Durable;
using MvmCi.Jobs.Contracts;

namespace MvmCi.Execution.Host;

/// <summary>The state of one run that host functions reach through the store's data.</summary>
internal sealed class HostContext(
    ExecutionRequest request, DurableJournal? journal, IExecutionObserver observer, Stopwatch clock, TimeSpan timeout,
    CancellationToken cancellationToken)
{
    public ExecutionRequest Request { get; } = request;

    /// <summary>Null when the run is not durable.</summary>
    public DurableJournal? Journal { get; } = journal;

    public IExecutionObserver Observer { get; } = observer;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>The guest's wall-clock time so far (the sandbox restarts it when <c>_start</c> begins).</summary>
    public Stopwatch Clock { get; } = clock;

    public TimeSpan Timeout { get; } = timeout;

    public TimeSpan TimeLeft => Timeout - Clock.Elapsed;

    /// <summary>The bytes the guest reads with <c>result_len</c>/<c>result_read</c>.</summary>
    public byte[] PendingResult { get; set; } = [];

    /// <summary>The last <c>set_output</c>.</summary>
    public string? Output { get; set; }

    /// <summary>Set when a host call ended the guest: the failure reason and message to report.</summary>
    public HostCallException? Failure { get; set; }

    /// <summary>The last monotonic clock value handed out (journaled or not), so the clock never goes back across a resume.</summary>
    public long LastMonotonic { get; set; }
}
