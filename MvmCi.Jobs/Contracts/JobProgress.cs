namespace MvmCi.Jobs.Contracts;

/// <summary>The last progress a guest reported through <c>mvmci.progress</c>.</summary>
public sealed record JobProgress(int Percent, string Message, DateTimeOffset At);
