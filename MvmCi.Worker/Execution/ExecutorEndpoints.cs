using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using MvmCi.Worker.Options;

namespace MvmCi.Worker.Execution;

/// <summary>
/// The executors this worker may call: one (<c>Worker:ExecutorUrl</c>) or a pool (<c>Worker:ExecutorUrls</c>).
/// Calls go round-robin; an executor that could not be reached is left out for a while, so the next calls
/// (and the retry of the one that failed) go to the others.
/// </summary>
public sealed class ExecutorEndpoints(IOptions<WorkerOptions> options, TimeProvider time)
{
    private readonly Uri[] _all = options.Value.ExecutorUrls is { Length: > 0 } pool
        ? [.. pool.Distinct()]
        : [options.Value.ExecutorUrl];
    private readonly ConcurrentDictionary<Uri, DateTimeOffset> _downUntil = new();
    private readonly TimeSpan _downFor = TimeSpan.FromSeconds(options.Value.ExecutorDownSeconds);
    private int _next = -1;

    /// <summary>The next executor in turn that is not left out; when all are, the next one anyway.</summary>
    public Uri Next()
    {
        var now = time.GetUtcNow();
        for (var i = 0; i < _all.Length; i++)
        {
            var candidate = _all[(int)((uint)Interlocked.Increment(ref _next) % (uint)_all.Length)];
            if (!_downUntil.TryGetValue(candidate, out var until) || until <= now)
            {
                return candidate;
            }
        }
        return _all[(int)((uint)Interlocked.Increment(ref _next) % (uint)_all.Length)];
    }

    /// <summary>Whether an executor other than <paramref name="failed"/> is in rotation now.</summary>
    public bool HasOtherThan(Uri failed)
    {
        var now = time.GetUtcNow();
        return _all.Any(u => u != failed && (!_downUntil.TryGetValue(u, out var until) || until <= now));
    }

    public void MarkDown(Uri executor) => _downUntil[executor] = time.GetUtcNow() + _downFor;

    public void MarkUp(Uri executor) => _downUntil.TryRemove(executor, out _);
}
