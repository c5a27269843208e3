namespace MvmCi.Jobs.Redis;

/// <summary>Where and when an attempt's guest started.</summary>
public readonly record struct JobStart(string ExecutorId, DateTimeOffset At);
