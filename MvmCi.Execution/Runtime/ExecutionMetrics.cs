using System.Diagnostics.Metrics;

namespace MvmCi.Execution.Runtime;

/// <summary>The executor's metrics (meter <c>MvmCi.Execution</c>): how long guests ran, how long instantiation took, fuel used.</summary>
public sealed class ExecutionMetrics : IDisposable
{
    public const string MeterName = "MvmCi.Execution";

    private readonly Meter _meter;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _instantiation;
    private readonly Histogram<long> _fuel;

    /// <param name="meters">The host's meter factory; without one (tests, benchmarks) the meter is created directly.</param>
    public ExecutionMetrics(IMeterFactory? meters = null)
    {
        _meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        _duration = _meter.CreateHistogram<double>("mvmci.execution.duration", "s", "Wall-clock time of a guest's run, by outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 60, 300] });
        _instantiation = _meter.CreateHistogram<double>("mvmci.execution.instantiation", "s", "Store creation and instantiation of a cached module.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.00001, 0.00002, 0.00005, 0.0001, 0.0002, 0.0005, 0.001, 0.005, 0.01] });
        _fuel = _meter.CreateHistogram<long>("mvmci.execution.fuel", "{fuel}", "Fuel a run consumed.");
    }

    public void Instantiated(TimeSpan elapsed) => _instantiation.Record(elapsed.TotalSeconds);

    public void Ran(TimeSpan elapsed, ulong fuel, string? failureReason)
    {
        var outcome = new KeyValuePair<string, object?>("mvmci.failure_reason", failureReason ?? "none");
        _duration.Record(elapsed.TotalSeconds, outcome);
        _fuel.Record((long)Math.Min(fuel, long.MaxValue), outcome);
    }

    public void Dispose() => _meter.Dispose();
}
