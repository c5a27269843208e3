namespace MvmCi.Jobs.Redis;

/// <summary>A job that ended failed, as the dead-letter stream records it.</summary>
public sealed record DeadLetter(string Id, string JobId, string Reason, int Attempt, DateTimeOffset At);
