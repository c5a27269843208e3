namespace MvmCi.Bench.Systems;

/// <summary>
/// The AppHost's start: <see cref="StartedAt"/> is just before the testing builder is created; every offset is seconds
/// from it. <see cref="Healthy"/> holds each resource's "healthy" moment as Aspire's resource notifications report it.
/// </summary>
public sealed record StartupTimeline(DateTimeOffset StartedAt, IReadOnlyDictionary<string, double> Healthy)
{
    /// <summary>AppHost start → every resource healthy.</summary>
    public double AllHealthySeconds => Healthy.Count == 0 ? 0 : Healthy.Values.Max();

    public double SecondsSinceStart(DateTimeOffset at) => (at - StartedAt).TotalSeconds;
}
