namespace Microsoft.Extensions.Hosting;

/// <summary>
/// When to give memory back: after at least <see cref="BurstBytes"/> were allocated since the last trim, at the
/// first check that finds allocation quiet again (less than <see cref="QuietBytes"/> since the check before). A busy
/// service is never trimmed; an idle one only once per burst.
/// </summary>
public sealed class MemoryTrimPolicy
{
    /// <summary>Allocation since the last trim that makes a trim worth it.</summary>
    public const long BurstBytes = 64L * 1024 * 1024;

    /// <summary>Allocation between two checks below which the service counts as idle.</summary>
    public const long QuietBytes = 8L * 1024 * 1024;

    private long _atLastCheck;
    private long _atLastTrim;

    public MemoryTrimPolicy(long allocatedNow) => _atLastCheck = _atLastTrim = allocatedNow;

    /// <summary>Call at each check with the bytes allocated so far (<see cref="GC.GetTotalAllocatedBytes"/>); true: trim now.</summary>
    public bool ShouldTrim(long allocatedNow)
    {
        var sinceLastCheck = allocatedNow - _atLastCheck;
        _atLastCheck = allocatedNow;
        if (allocatedNow - _atLastTrim >= BurstBytes && sinceLastCheck < QuietBytes)
        {
            _atLastTrim = allocatedNow;
            return true;
        }
        return false;
    }
}
