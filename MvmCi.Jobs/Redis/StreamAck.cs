namespace MvmCi.Jobs.Redis;

/// <summary>The stream entry a job was delivered by, to acknowledge together with its outcome.</summary>
public readonly record struct StreamAck(string Queue, string EntryId);
