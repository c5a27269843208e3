using System.Security.Cryptography;
using System.Text;
using MvmCi.Execution.Durable;
using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.State;
using Wasmtime;

namespace MvmCi.Execution.Host;

/// <summary>
/// The <c>mvmci</c> host module (see docs/host-api.md) and, for durable runs, the journaled versions of
/// WASI's <c>clock_time_get</c> and <c>random_get</c>. Each function finds its run through the store's
/// data (a <see cref="HostContext"/>).
/// </summary>
internal static partial class HostFunctions
{
    public const string ModuleName = "mvmci";
    private const string Wasi = "wasi_snapshot_preview1";
    private const int MaxOutputBytes = 1024 * 1024;
    private const int MaxTextBytes = 64 * 1024;
    private const int ErrnoSuccess = 0;
    private const int ErrnoFault = 21;
    private const int ErrnoInvalid = 28;

    public static void DefineHostModule(Linker linker, GuestHttp http)
    {
        linker.DefineFunction(ModuleName, "http_request",
            (CallerFunc<int, int, int, int, int, int, int, int, int, int>)((caller, mPtr, mLen, uPtr, uLen, hPtr, hLen, bPtr, bLen, flags) =>
                Guard(caller, (ctx, memory) =>
                {
                                        var method = ReadText(memory, mPtr, mLen, "http_request");
                    var url = ReadText(memory, uPtr, uLen, "http_request");
                    var headers = ReadText(memory, hPtr, hLen, "http_request");
                    var body = Read(memory, bPtr, bLen, "http_request");
                    var response = HttpRequest(ctx, http, method, url, headers, body, idempotent: (flags & 1) != 0);
                    ctx.PendingResult = response.Body;
                    return response.Code;
                })));

        linker.DefineFunction(ModuleName, "result_len", (CallerFunc<int>)(caller => Guard(caller, ctx => ctx.PendingResult.Length)));

        linker.DefineFunction(ModuleName, "result_read", (CallerFunc<int, int, int>)((caller, ptr, len) => Guard(caller, (ctx, memory) =>
        {
            var count = Math.Min(Math.Max(len, 0), ctx.PendingResult.Length);
            ctx.PendingResult.AsSpan(0, count).CopyTo(Span(memory, ptr, count, "result_read"));
            return count;
        })));

        linker.DefineFunction(ModuleName, "now", (CallerFunc<long>)(caller => Guard(caller, ctx =>
        {
            var journal = ctx.Journal!;
            if (journal.Replay(JournalEntry.Now, "now") is { } recorded)
            {
                return recorded.Value ?? 0;
            }
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            journal.Record(new JournalEntry { Kind = JournalEntry.Now, Value = now }, flush: false);
            return now;
        })));

        linker.DefineFunction(ModuleName, "random", (CallerFunc<int, int, int>)((caller, ptr, len) => Guard(caller, (ctx, memory) =>
        {
            FillRandom(ctx, Span(memory, ptr, len, "random"), "random");
            return 0;
        })));

        linker.DefineFunction(ModuleName, "sleep", (CallerAction<long>)((caller, ms) => Guard(caller, ctx =>
        {
            var journal = ctx.Journal!;
            var until = journal.Replay(JournalEntry.Sleep, "sleep")?.Value;
            if (until is null)
            {
                until = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + Math.Max(0, ms);
                journal.Record(new JournalEntry { Kind = JournalEntry.Sleep, Value = until }, flush: true);
            }
            // Never past the job's deadline, and a cancel wakes it (whole milliseconds, rounded up, until it is due).
            while (until.Value - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() is var remaining and > 0
                && !ctx.CancellationToken.IsCancellationRequested && ctx.TimeLeft > TimeSpan.Zero)
            {
                ctx.CancellationToken.WaitHandle.WaitOne((int)Math.Max(1, Math.Min(remaining, Math.Ceiling(ctx.TimeLeft.TotalMilliseconds))));
            }
            if (until.Value > DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())
            {
                ThrowIfOutOfTime(ctx);
            }
            return 0;
        })));

        linker.DefineFunction(ModuleName, "log", (CallerAction<int, int, int>)((caller, level, ptr, len) => Guard(caller, (ctx, memory) =>
        {
            var text = ReadText(memory, ptr, Math.Min(len, MaxTextBytes), "log");
            if (Once(ctx, JournalEntry.Log))
            {
                ctx.Observer.OnOutput(OutputStreams.Log, $"[{LevelName(level)}] {text.TrimEnd('\n')}\n");
            }
            return 0;
        })));

        linker.DefineFunction(ModuleName, "progress", (CallerAction<int, int, int>)((caller, percent, ptr, len) => Guard(caller, (ctx, memory) =>
        {
            var text = ReadText(memory, ptr, Math.Min(len, MaxTextBytes), "progress");
            if (Once(ctx, JournalEntry.Progress))
            {
                ctx.Observer.OnProgress(new JobProgress(Math.Clamp(percent, 0, 100), text, DateTimeOffset.UtcNow));
            }
            return 0;
        })));

        linker.DefineFunction(ModuleName, "get_input", (CallerFunc<int>)(caller => Guard(caller, ctx =>
        {
            ctx.PendingResult = Encoding.UTF8.GetBytes(ctx.Request.Input ?? "");
            return ctx.PendingResult.Length;
        })));

        linker.DefineFunction(ModuleName, "set_output", (CallerAction<int, int>)((caller, ptr, len) => Guard(caller, (ctx, memory) =>
        {
            if (len > MaxOutputBytes)
            {
                throw new HostCallException(FailureReasons.Trap, $"set_output: {len} bytes is over the limit of {MaxOutputBytes} bytes.");
            }
            ctx.Output = ReadText(memory, ptr, len, "set_output");
            return 0;
        })));
    }

    /// <summary>Replaces WASI's clock and random functions with journaled ones (durable runs).</summary>
    public static void DefineDurableWasi(Linker linker)
    {
        linker.AllowShadowing = true;
        linker.DefineFunction(Wasi, "clock_time_get", (CallerFunc<int, long, int, int>)((caller, id, _, resultPtr) => Guard(caller, (ctx, memory) =>
        {
            if (InvalidClockRead(memory, id, resultPtr) is { } errno)
            {
                return errno;
            }
            var journal = ctx.Journal!;
            long value;
            if (journal.Replay(JournalEntry.Clock, $"clock_time_get({id})") is { } recorded)
            {
                if (recorded.ClockId != id)
                {
                    throw new HostCallException(FailureReasons.Nondeterministic,
                        $"Replay diverged at journal entry {journal.Position - 1}: clock {id} was read where clock {recorded.ClockId} was recorded.");
                }
                value = recorded.Value ?? 0;
            }
            else
            {
                value = id switch
                {
                    0 => RealtimeNow(),
                    1 => Math.Max(ctx.LastMonotonic + 1, MonotonicNow()),
                    _ => ctx.Clock.Elapsed.Ticks * 100,
                };
                journal.Record(new JournalEntry { Kind = JournalEntry.Clock, ClockId = id, Value = value }, flush: false);
            }
            if (id == 1)
            {
                ctx.LastMonotonic = Math.Max(ctx.LastMonotonic, value);
            }
            memory.WriteInt64(resultPtr, value);
            return ErrnoSuccess;
        })));

        linker.DefineFunction(Wasi, "random_get", (CallerFunc<int, int, int>)((caller, ptr, len) => Guard(caller, (ctx, memory) =>
        {
            if (ptr < 0 || len < 0 || (long)ptr + len > memory.GetLength())
            {
                return ErrnoFault;
            }
            FillRandom(ctx, memory.GetSpan(ptr, len), "random_get");
            return ErrnoSuccess;
        })));
    }

    private static GuestHttpResponse HttpRequest(
        HostContext ctx, GuestHttp http, string method, string url, string headers, byte[] body, bool idempotent)
    {
        var journal = ctx.Journal!;
        var what = $"http_request {method} {url}";
        int index;
        if (journal.Replay(JournalEntry.Http, what) is { } recorded)
        {
            index = journal.Position - 1;
            if (recorded.Method != method || recorded.Url != url)
            {
                throw new HostCallException(FailureReasons.Nondeterministic,
                    $"Replay diverged at journal entry {index}: the guest sent {method} {url}, the journal recorded {recorded.Method} {recorded.Url}.");
            }
            switch (recorded.State)
            {
                case JournalEntry.Completed:
                    return new GuestHttpResponse(recorded.Status ?? 0, recorded.Bytes ?? []);
                case JournalEntry.Failed or JournalEntry.Interrupted:
                    return new GuestHttpResponse(recorded.Status ?? GuestHttp.Failed, Encoding.UTF8.GetBytes(recorded.Message ?? ""));
                case JournalEntry.Started when recorded.Idempotent != true && !idempotent:
                    var message = $"{method} {url} was sent by an earlier attempt that ended before its reply was recorded; " +
                        "it is not sent again because the request is not marked idempotent.";
                    journal.Replace(index, new JournalEntry
                    {
                        Kind = JournalEntry.Http, State = JournalEntry.Interrupted, Method = method, Url = url,
                        Status = GuestHttp.Interrupted, Message = message,
                    });
                    return new GuestHttpResponse(GuestHttp.Interrupted, Encoding.UTF8.GetBytes(message));
            }
            // Started and idempotent: send it again.
        }
        else
        {
            index = journal.Record(new JournalEntry
            {
                Kind = JournalEntry.Http, State = JournalEntry.Started, Method = method, Url = url, Idempotent = idempotent,
            }, flush: true);
        }

        var response = http.Send(method, url, headers, body, ctx.Request.HttpAllowedHosts, ctx.TimeLeft, ctx.CancellationToken);
        journal.Replace(index, response.Code >= 0
            ? new JournalEntry { Kind = JournalEntry.Http, State = JournalEntry.Completed, Method = method, Url = url, Status = response.Code, Bytes = response.Body }
            : new JournalEntry
            {
                Kind = JournalEntry.Http, State = JournalEntry.Failed, Method = method, Url = url, Status = response.Code,
                Message = Encoding.UTF8.GetString(response.Body),
            });
        return response;
    }

    /// <summary>True when the call is new (record it, then perform it); false when the journal says it was performed.</summary>
    private static bool Once(HostContext ctx, string kind)
    {
        var journal = ctx.Journal!;
        if (journal.Replay(kind, kind) is not null)
        {
            return false;
        }
        journal.Record(new JournalEntry { Kind = kind }, flush: true);
        return true;
    }

    private static void FillRandom(HostContext ctx, Span<byte> target, string what)
    {
        if (ctx.Journal is not { } journal)
        {
            RandomNumberGenerator.Fill(target);
            return;
        }
        if (journal.Replay(JournalEntry.Random, what) is { } recorded)
        {
            if (recorded.Bytes is not { } bytes || bytes.Length != target.Length)
            {
                throw new HostCallException(FailureReasons.Nondeterministic,
                    $"Replay diverged at journal entry {journal.Position - 1}: {target.Length} random bytes were asked where {recorded.Bytes?.Length ?? 0} were recorded.");
            }
            bytes.CopyTo(target);
            return;
        }
        var fresh = new byte[target.Length];
        RandomNumberGenerator.Fill(fresh);
        fresh.CopyTo(target);
        journal.Record(new JournalEntry { Kind = JournalEntry.Random, Bytes = fresh }, flush: false);
    }

    /// <summary>Runs a host function's body; a <see cref="HostCallException"/> is remembered as the run's failure, then traps the guest.</summary>
    private static T Guard<T>(Caller caller, Func<HostContext, T> body)
    {
        var ctx = (HostContext)caller.GetData()!;
        try
        {
            ThrowIfStopped(ctx);
            return body(ctx);
        }
        catch (HostCallException ex)
        {
            ctx.Failure ??= ex;
            throw;
        }
    }

    /// <inheritdoc cref="Guard{T}(Caller, Func{HostContext, T})"/>
    private static T Guard<T>(Caller caller, Func<HostContext, Memory, T> body)
    {
        var ctx = (HostContext)caller.GetData()!;
        try
        {
            ThrowIfStopped(ctx);
            return body(ctx, MemoryOf(caller));
        }
        catch (HostCallException ex)
        {
            ctx.Failure ??= ex;
            throw;
        }
    }

    /// <summary>
    /// A run being stopped (cancel, lost lease, drain) starts no new host call: otherwise a guest woken early from a
    /// sleep could journal an HTTP call as started that is never sent, and its next run would see it as interrupted.
    /// </summary>
    private static void ThrowIfStopped(HostContext ctx)
    {
        if (ctx.CancellationToken.IsCancellationRequested)
        {
            throw new HostCallException(FailureReasons.Cancelled, "Interrupted: the run was cancelled.");
        }
    }

    private static Memory MemoryOf(Caller caller) =>
        caller.GetMemory("memory") ?? throw new HostCallException(FailureReasons.Trap, "The module exports no 'memory': mvmci calls need it.");

    private static Span<byte> Span(Memory memory, int ptr, int len, string function) =>
        ptr < 0 || len < 0 || (long)ptr + len > memory.GetLength()
            ? throw new HostCallException(FailureReasons.Trap, $"mvmci.{function}: the buffer at {ptr} of {len} bytes is outside the guest's memory.")
            : memory.GetSpan(ptr, len);

    private static byte[] Read(Memory memory, int ptr, int len, string function) => Span(memory, ptr, len, function).ToArray();

    private static string ReadText(Memory memory, int ptr, int len, string function) =>
        Encoding.UTF8.GetString(Span(memory, ptr, len, function));

    private static string LevelName(int level) => level switch
    {
        0 => "debug",
        1 => "info",
        2 => "warn",
        _ => "error",
    };
}
