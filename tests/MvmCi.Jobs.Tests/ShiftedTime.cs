namespace MvmCi.Jobs.Tests;

/// <summary>The system clock moved by <see cref="Offset"/>: "later" without waiting.</summary>
internal sealed class ShiftedTime(TimeSpan offset) : TimeProvider
{
    public TimeSpan Offset { get; } = offset;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
