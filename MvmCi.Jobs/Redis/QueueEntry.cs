namespace MvmCi.Jobs.Redis;

/// <summary>One delivered stream entry: the job it names and the trace it belongs to.</summary>
public sealed record QueueEntry(string Queue, string EntryId, string JobId, string? TraceParent)
{
    public StreamAck Ack => new(Queue, EntryId);
}
