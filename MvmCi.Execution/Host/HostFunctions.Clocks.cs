using System.Buffers.Binary;
using System.Diagnostics;
using Wasmtime;

namespace MvmCi.Execution.Host;

/// <summary>
/// WASI's <c>poll_oneoff</c>, owned by the executor: Wasmtime's own blocks the thread in the host for as long as the guest
/// asks, where neither the epoch deadline nor a cancel reaches it (a guest could sleep past its timeout for ever). Here a
/// wait for a clock ends at the earliest of its deadline, the job's deadline and a cancel; the epoch check then ends a
/// guest that is out of time the moment it is back in wasm. Every file descriptor a guest has (stdio as pipes, preopened
/// directories) is always ready, so a poll that includes one answers at once. Plain runs get the matching
/// <c>clock_time_get</c>, so that an absolute monotonic deadline is on the clock the guest reads.
/// </summary>
internal static partial class HostFunctions
{
    private const int SubscriptionSize = 48;
    private const int EventSize = 32;
    private const byte EventClock = 0;
    private const byte EventFdRead = 1;
    private const byte EventFdWrite = 2;
    private const int SubscriptionClockAbstime = 1;

    /// <summary>The monotonic clock (ns) this executor's guests read: <see cref="Stopwatch"/> ticks.</summary>
    internal static long MonotonicNow() => (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));

    private static long RealtimeNow() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;

    /// <summary>The plain (not journaled) <c>clock_time_get</c>, on the same clocks as <see cref="DefinePollOneoff"/>.</summary>
    public static void DefinePlainClock(Linker linker)
    {
        linker.AllowShadowing = true;
        linker.DefineFunction(Wasi, "clock_time_get", (CallerFunc<int, long, int, int>)((caller, id, _, resultPtr) => Guard(caller, (ctx, memory) =>
        {
            if (InvalidClockRead(memory, id, resultPtr) is { } errno)
            {
                return errno;
            }
            memory.WriteInt64(resultPtr, id switch
            {
                0 => RealtimeNow(),
                1 => MonotonicNow(),
                _ => ctx.Clock.Elapsed.Ticks * 100,
            });
            return ErrnoSuccess;
        })));
    }

    /// <summary>The errno of a <c>clock_time_get</c> of an unknown clock or into memory the guest does not have; null when it is valid.</summary>
    private static int? InvalidClockRead(Memory memory, int id, int resultPtr) =>
        id is < 0 or > 3 ? ErrnoInvalid
        : resultPtr < 0 || (long)resultPtr + sizeof(long) > memory.GetLength() ? ErrnoFault
        : null;

    public static void DefinePollOneoff(Linker linker)
    {
        linker.AllowShadowing = true;
        linker.DefineFunction(Wasi, "poll_oneoff", (CallerFunc<int, int, int, int, int>)((caller, inPtr, outPtr, count, eventsPtr) =>
            Guard(caller, (ctx, memory) => PollOneoff(ctx, memory, inPtr, outPtr, count, eventsPtr))));
    }

    /// <summary>Ends the guest from inside a host wait that was cut short by a cancel or by the job's deadline.</summary>
    internal static void ThrowIfOutOfTime(HostContext ctx)
    {
        ThrowIfStopped(ctx);
        if (ctx.TimeLeft <= TimeSpan.Zero)
        {
            throw new HostCallException(Jobs.State.FailureReasons.Timeout, $"Interrupted while waiting: the job's timeout of {ctx.Timeout.TotalSeconds:0.###} s ran out.");
        }
    }

    private static int PollOneoff(HostContext ctx, Memory memory, int inPtr, int outPtr, int count, int eventsPtr)
    {
        if (count <= 0)
        {
            return ErrnoInvalid;
        }
        var length = memory.GetLength();
        if (inPtr < 0 || outPtr < 0 || eventsPtr < 0 || (long)inPtr + (long)count * SubscriptionSize > length
            || (long)outPtr + (long)count * EventSize > length || (long)eventsPtr + sizeof(int) > length)
        {
            return ErrnoFault;
        }

        // The subscriptions are read whole first: the events may be written over them.
        var subscriptions = memory.GetSpan(inPtr, count * SubscriptionSize).ToArray();
        var ready = new List<(ulong UserData, byte Type)>();
        var clocks = new List<(ulong UserData, long DueMonotonic)>();
        var monotonicNow = MonotonicNow();
        for (var i = 0; i < count; i++)
        {
            var s = subscriptions.AsSpan(i * SubscriptionSize, SubscriptionSize);
            var userData = BinaryPrimitives.ReadUInt64LittleEndian(s);
            var tag = s[8];
            if (tag is EventFdRead or EventFdWrite)
            {
                ready.Add((userData, tag));
                continue;
            }
            if (tag != EventClock)
            {
                return ErrnoInvalid;
            }
            var clockId = BinaryPrimitives.ReadInt32LittleEndian(s[16..]);
            var timeout = BinaryPrimitives.ReadInt64LittleEndian(s[24..]);
            var absolute = (BinaryPrimitives.ReadUInt16LittleEndian(s[40..]) & SubscriptionClockAbstime) != 0;
            if (clockId is < 0 or > 3)
            {
                return ErrnoInvalid;
            }
            // Every deadline as a point on the monotonic clock (an absolute one on another clock: its distance from now).
            var wait = !absolute ? timeout
                : clockId switch
                {
                    0 => timeout - RealtimeNow(),
                    1 => timeout - monotonicNow,
                    _ => timeout - ctx.Clock.Elapsed.Ticks * 100,
                };
            clocks.Add((userData, monotonicNow + Math.Max(0, Math.Min(wait, long.MaxValue - monotonicNow))));
        }

        if (ready.Count == 0)
        {
            var due = clocks.Min(c => c.DueMonotonic);
            // Never past the job's deadline, and a cancel wakes it. A wait is whole milliseconds, rounded up, and repeated
            // until the clock is due: waking early never counts as due.
            while (MonotonicNow() is var now && now < due && !ctx.CancellationToken.IsCancellationRequested && ctx.TimeLeft > TimeSpan.Zero)
            {
                var remaining = Math.Min((due - now + 999_999) / 1_000_000, int.MaxValue - 1);
                var left = (long)Math.Ceiling(ctx.TimeLeft.TotalMilliseconds);
                ctx.CancellationToken.WaitHandle.WaitOne((int)Math.Max(1, Math.Min(remaining, left)));
            }
            var woke = MonotonicNow();
            ready.AddRange(clocks.Where(c => c.DueMonotonic <= woke).Select(c => (c.UserData, EventClock)));
            if (ready.Count == 0)
            {
                // Woken before any clock was due: the run is cancelled or out of time, and ends here.
                ThrowIfOutOfTime(ctx);
                ready.Add((clocks.First(c => c.DueMonotonic == due).UserData, EventClock));
            }
        }

        var events = memory.GetSpan(outPtr, ready.Count * EventSize);
        events.Clear();
        for (var i = 0; i < ready.Count; i++)
        {
            var e = events.Slice(i * EventSize, EventSize);
            BinaryPrimitives.WriteUInt64LittleEndian(e, ready[i].UserData);
            e[10] = ready[i].Type;
        }
        memory.WriteInt32(eventsPtr, ready.Count);
        return ErrnoSuccess;
    }
}
