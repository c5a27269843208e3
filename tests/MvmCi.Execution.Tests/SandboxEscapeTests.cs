using MvmCi.Jobs.Contracts;
using MvmCi.Jobs.State;
using MvmCi.Testing;

namespace MvmCi.Execution.Tests;

/// <summary>
/// Hostile guests on the real executor, one row per way out of the sandbox: the file system beyond the preopens,
/// the host's environment, sockets, memory, the stack, output, CPU, tables, odd strings and imports, and sleeping past
/// the wall-clock limit.
/// Each row asserts the exact failure reason and what the guest saw (c-breakout prints one line per attempt, so a
/// leak shows up as host bytes in its output), and that the same executor still runs a plain guest afterwards.
/// </summary>
public sealed class SandboxEscapeTests
{
    private const long MemoryLimit = 16 * 1024 * 1024;
    private const int OutputCap = 64 * 1024;
    private const long Fuel = 100_000_000;
    private const string Breakout = "c-breakout";
    private const string SleepSeconds = "20";
    private const string LinkSkipped = "not a plain path inside /work (or it goes through a symbolic link)";

    /// <summary>What no guest output may contain: the start of the host's /etc/passwd and its environment.</summary>
    private static readonly string[] HostEvidence = [File.ReadLines("/etc/passwd").First()[..10], "PATH=", "HOME="];

    private static readonly EscapeCase[] Table =
    [
        C("paths outside the preopens are not capabilities, and .. does not leave /work",
            "open", "../", "list", "..", "open", "../../etc/passwd", "open", "/etc/passwd", "open", "/proc/self/environ", "list", "/",
            "open", "//etc/passwd", "open", "/work/../../etc/passwd", "list", "/work/..", "open", "/work/./../etc/passwd",
            "open", "/inputs/../etc/passwd", "list", "/work") with
        {
            Stdout = """
                open ../: denied ENOTCAPABLE (76)
                list ..: denied ENOTCAPABLE (76)
                open ../../etc/passwd: denied ENOTCAPABLE (76)
                open /etc/passwd: denied ENOTCAPABLE (76)
                open /proc/self/environ: denied ENOTCAPABLE (76)
                list /: denied ENOTCAPABLE (76)
                open //etc/passwd: denied ENOTCAPABLE (76)
                open /work/../../etc/passwd: denied EPERM (63)
                list /work/..: denied EPERM (63)
                open /work/./../etc/passwd: denied EPERM (63)
                open /inputs/../etc/passwd: denied EPERM (63)
                list /work: listed 2: . ..

                """,
        },
        // fds 3 and 4 are /work and /inputs; errno 8 (EBADF) for fd 5 means no other host directory is preopened.
        Wat("no third preopened directory", "preopen") with { Reason = FailureReasons.ExitCode, ExitCode = 8 },
        C("symlinks the guest makes do not lead out of /work, for the guest or for artifact collection",
            "symlink", "/etc", "/work/etc", "open", "/work/etc/passwd", "symlink", "/etc/passwd", "/work/pw",
            "symlink", "../..", "/work/up", "readlink", "/work/up", "open", "/work/up/etc/passwd", "list", "/work/up",
            "write", "/work/up/escaped.txt", "symlink", "..", "/work/dot", "list", "/work/dot",
            "symlink", "../../../../../../../../../etc", "/work/deep", "open", "/work/deep/passwd") with
        {
            Outputs = ["up", "up/etc/passwd", "dot", "deep/passwd"],
            Stdout = """
                symlink /etc /work/etc: denied EPERM (63)
                open /work/etc/passwd: denied ENOENT (44)
                symlink /etc/passwd /work/pw: denied EPERM (63)
                symlink ../.. /work/up: ok
                readlink /work/up: -> ../..
                open /work/up/etc/passwd: denied EPERM (63)
                list /work/up: denied EPERM (63)
                write /work/up/escaped.txt: denied EPERM (63)
                symlink .. /work/dot: ok
                list /work/dot: denied EPERM (63)
                symlink ../../../../../../../../../etc /work/deep: ok
                open /work/deep/passwd: denied EPERM (63)

                """,
            Artifacts =
            [
                new("up", null, 0, LinkSkipped), new("up/etc/passwd", null, 0, LinkSkipped),
                new("dot", null, 0, LinkSkipped), new("deep/passwd", null, 0, LinkSkipped),
            ],
        },
        C("nothing is written, linked or renamed outside /work, and the shared empty /inputs stays read-only",
            "write", "/work/f", "rename", "/work/f", "/work/../f", "link", "/work/f", "/work/../f", "link", "/work/../../etc/passwd", "/work/hard",
            "write", "/work/../escaped.txt", "write", "/inputs/x", "symlink", "x", "/inputs/l", "rename", "/inputs", "/work/i",
            "list", "/inputs") with
        {
            Stdout = """
                write /work/f: wrote 1 byte
                rename /work/f /work/../f: denied EPERM (63)
                link /work/f /work/../f: denied EPERM (63)
                link /work/../../etc/passwd /work/hard: denied EPERM (63)
                write /work/../escaped.txt: denied EPERM (63)
                write /inputs/x: denied EPERM (63)
                symlink x /inputs/l: denied EPERM (63)
                rename /inputs /work/i: denied EPERM (63)
                list /inputs: listed 2: . ..

                """,
        },
        C("the environment is exactly the job's: no PATH or HOME of the host", "env") with
        {
            Env = new Dictionary<string, string> { ["GREETING"] = "hello world", ["EMPTY"] = "" },
            Stdout = "env:\nEMPTY=\nGREETING=hello world\n",
        },
        C("no socket on any descriptor: the preopens and stdio are not sockets, others do not exist",
            "sock", "0", "sock", "1", "sock", "2", "sock", "3", "sock", "4", "sock", "5", "sock", "1000") with
        {
            Stdout = string.Concat(Enumerable.Range(0, 5).Select(fd => $"sock {fd}: accept ENOTSOCK, recv ENOTSOCK, send ENOTSOCK, shutdown ENOTSOCK\n"))
                + "sock 5: accept EBADF, recv EBADF, send EBADF, shutdown EBADF\n"
                + "sock 1000: accept EBADF, recv EBADF, send EBADF, shutdown EBADF\n",
        },
        Wat("a socket cannot be opened: preview1 has no sock_open", "sock-open") with
        {
            Reason = FailureReasons.LinkError, ExitCode = null, Starts = false,
            Message = "unknown import: `wasi_snapshot_preview1::sock_open` has not been defined",
        },
        // The guest starts with 2 pages; the limit is 256 (16 MiB): growing to exactly 256 works, one more page does not.
        C("memory.grow past the limit returns -1 and the guest goes on",
            "grow", "65000", "grow", "1000", "grow", "200", "grow", "54", "grow", "1") with
        {
            Stdout = "grow 65000: -1\ngrow 1000: -1\ngrow 200: 2\ngrow 54: 202\ngrow 1: -1\n",
        },
        C("malloc past the limit returns NULL and the guest goes on", "malloc", "64", "malloc", "4000", "malloc", "8") with
        {
            Stdout = "malloc 64: null\nmalloc 4000: null\nmalloc 8: ok\n",
        },
        Wat("a guest that traps once memory.grow fails ends with memory_limit", "grow") with
        {
            Reason = FailureReasons.MemoryLimit, ExitCode = null,
            Message = "Trapped after reaching the memory limit of 16777216 bytes",
        },
        Wat("a declared minimum memory over the limit is refused before it starts", "big-memory") with
        {
            Reason = FailureReasons.MemoryLimit, ExitCode = null, Starts = false,
            Message = "memory minimum size of 8000 pages exceeds memory limits",
        },
        Wat("unbounded recursion is a stack-overflow trap", "recurse") with
        {
            Reason = FailureReasons.Trap, ExitCode = null, Message = "wasm trap: call stack exhausted",
        },
        Wat("output past the cap is dropped and flagged, and the run ends normally", "flood") with
        {
            Stdout = new string('x', OutputCap), StdoutTruncated = true,
        },
        Wat("an infinite loop ends when its fuel is used up", "loop") with
        {
            Reason = FailureReasons.OutOfFuel, ExitCode = null, FuelConsumed = (ulong)Fuel,
            Message = $"Used the whole CPU budget of {Fuel} fuel units.",
        },
        // table-grow prints what each table.grow returned (the old size, or -1), then the final size.
        Wat("table.grow past the element limit returns -1", "table-grow") with { Stdout = "1\n-1\n-1\n1000\n" },
        Wat("a declared table over the element limit is refused before it starts", "big-table") with
        {
            Reason = FailureReasons.TableLimit, ExitCode = null, Starts = false,
            Message = "table minimum size of 2000000 elements exceeds table limits",
        },
        Wat("more tables than the store allows are refused before it starts", "many-tables") with
        {
            Reason = FailureReasons.InstanceLimit, ExitCode = null, Starts = false,
            Message = "resource limit exceeded: table count too high at 20",
        },
        // The strings reach WASI as NUL-terminated UTF-8: a lone surrogate becomes U+FFFD (EF BF BD), a NUL ends the string.
        C("lone surrogates in args reach the guest as U+FFFD and a NUL cuts an arg short",
            "args", "\ud800", "a\0b", "é", "\udc00x", "\ud83d\ude00") with
        {
            Stdout = "args:\n\\xef\\xbf\\xbd\na\n\\xc3\\xa9\n\\xef\\xbf\\xbdx\n\\xf0\\x9f\\x98\\x80\n",
        },
        // The control plane refuses NUL and '=' in env (SubmitJobValidator); the executor itself passes them on like this.
        C("lone surrogates in env become U+FFFD, a NUL cuts a name or value short, '=' in a name splits it", "env") with
        {
            Env = new Dictionary<string, string> { ["K"] = "\ud800", ["N\0UL"] = "v\0w", ["A=B"] = "c" },
            Stdout = "env:\nA=B=c\nK=\\xef\\xbf\\xbd\nN=v\n",
        },
        Wat("an import no sandbox provides is refused before it starts", "unknown-import") with
        {
            Reason = FailureReasons.LinkError, ExitCode = null, Starts = false,
            Message = "unknown import: `env::launch_missiles` has not been defined",
        },
        Wat("a WASI import with the wrong signature is refused before it starts", "wrong-signature") with
        {
            Reason = FailureReasons.LinkError, ExitCode = null, Starts = false,
            Message = "incompatible import type for `wasi_snapshot_preview1::fd_write`",
        },
    ];

    public static TheoryData<string> Cases() => new(Table.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EscapeAttemptFailsTheWayItShould(string name)
    {
        using var harness = Harness();

        await RunCaseAsync(harness, Table.Single(c => c.Name == name));

        await AssertStillRunsEchoAsync(harness);
    }

    [Fact]
    public async Task ExecutorStillRunsAPlainGuestAfterTheWholeTable()
    {
        using var harness = Harness();

        foreach (var item in Table)
        {
            await RunCaseAsync(harness, item);
        }

        await AssertStillRunsEchoAsync(harness);
    }

    // A sleep (a relative clock) or a sleep until a monotonic time (an absolute one) blocks in WASI's poll_oneoff inside
    // Wasmtime, and the epoch deadline and cancellation act only on wasm code: the run must still end at its 1 s timeout,
    // long before the guest's sleep of SleepSeconds would.
    [Theory]
    [InlineData("sleep")]
    [InlineData("sleepuntil")]
    public async Task GuestSleepingPastItsTimeoutEndsAtTheTimeout(string operation)
    {
        using var harness = Harness();

        var result = await harness.RunBuiltAsync(Breakout, new() { Args = [operation, SleepSeconds], TimeoutSeconds = 1 })
            .WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(FailureReasons.Timeout, result.FailureReason);
        Assert.Equal($"{operation} {SleepSeconds}: ", result.Stdout);
        Assert.True(result.DurationMs < 10_000, $"a 1 s job ran {result.DurationMs} ms: it slept past its timeout");
        await AssertStillRunsEchoAsync(harness);
    }

    [Fact]
    public async Task CancellingASleepingGuestInterruptsIt()
    {
        using var harness = Harness();
        using var cancel = new CancellationTokenSource();

        // Cancel once the guest has said it goes to sleep (it flushes that line right before poll_oneoff).
        var run = harness.RunBuiltAsync(Breakout, new() { Args = ["sleep", SleepSeconds], TimeoutSeconds = 600 }, cancel.Token);
        while (!run.IsCompleted && !SaidSoFar(harness).EndsWith($"sleep {SleepSeconds}: ", StringComparison.Ordinal))
        {
            await Task.Delay(10);
        }
        await Task.Delay(100);
        await cancel.CancelAsync();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(FailureReasons.Cancelled, result.FailureReason);
        Assert.True(result.DurationMs < 10_000, $"cancelled 0.1 s into its sleep, the job ran {result.DurationMs} ms");
        await AssertStillRunsEchoAsync(harness);
    }

    [Fact]
    public async Task HostDoesNotFollowAGuestSymlinkWhenItCleansUp()
    {
        using var harness = Harness();
        // Every /work is a folder directly below the pool's root, so "../<name>" from /work is this folder.
        var sentinel = Path.Combine(harness.Scratch.Root, "sentinel-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(sentinel);
        File.WriteAllText(Path.Combine(sentinel, "secret.txt"), "host secret");
        var link = "../" + Path.GetFileName(sentinel);

        var result = await harness.RunBuiltAsync(Breakout, new()
        {
            Args = ["symlink", link, "/work/s", "open", "/work/s/secret.txt", "list", "/work/s"],
            Outputs = ["s/secret.txt"],
        });

        Assert.Equal($"symlink {link} /work/s: ok\nopen /work/s/secret.txt: denied EPERM (63)\nlist /work/s: denied EPERM (63)\n", result.Stdout);
        Assert.Equal(new Artifact("s/secret.txt", null, 0, LinkSkipped), Assert.Single(result.Artifacts));
        // The /work the guest left a link in is deleted in the background: wait for it, then the target must be intact.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Directory.EnumerateDirectories(harness.Scratch.Root, "w*").Any() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        Assert.Empty(Directory.EnumerateDirectories(harness.Scratch.Root, "w*"));
        Assert.Equal("host secret", File.ReadAllText(Path.Combine(sentinel, "secret.txt")));
    }

    /// <summary>One executor with limits small enough for every row to reach them quickly.</summary>
    private static ExecutorHarness Harness() => new(o =>
    {
        o.MemoryLimitBytes = MemoryLimit;
        o.MaxOutputBytes = OutputCap;
        o.FuelPerExecution = Fuel;
    });

    private static async Task RunCaseAsync(ExecutorHarness harness, EscapeCase item)
    {
        var startedBefore = harness.StartedCalls;
        var wasm = item.Built ? Guests.Built(item.Guest) : Guests.Wasm(item.Guest);

        // A sandbox that lets a guest outlive its limits never answers: bound the wait instead of hanging the run.
        var job = new ExecutorHarness.Job { Args = item.Args, Env = item.Env, Outputs = item.Outputs };
        var result = await harness.RunAsync(item.Guest, wasm, job).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(item.Reason == result.FailureReason, $"{item.Name}: {result.FailureReason}: {result.FailureMessage} / {result.Stderr}");
        Assert.Equal(item.ExitCode, result.ExitCode);
        Assert.Equal(item.Stdout, result.Stdout);
        Assert.Equal("", result.Stderr);
        Assert.Equal(item.StdoutTruncated, result.StdoutTruncated);
        Assert.Equal(item.Starts, harness.StartedCalls > startedBefore);
        if (item.Message is not null)
        {
            Assert.Contains(item.Message, result.FailureMessage, StringComparison.Ordinal);
        }
        if (item.FuelConsumed is { } fuel)
        {
            Assert.Equal(fuel, result.FuelConsumed);
        }
        Assert.Equal(item.Artifacts, result.Artifacts);
        foreach (var evidence in HostEvidence)
        {
            Assert.DoesNotContain(evidence, result.Stdout + result.Stderr + result.FailureMessage, StringComparison.Ordinal);
        }
    }

    private static string SaidSoFar(ExecutorHarness harness)
    {
        lock (harness.Output)
        {
            return string.Concat(harness.Output.Select(o => o.Text));
        }
    }

    private static async Task AssertStillRunsEchoAsync(ExecutorHarness harness)
    {
        var result = await harness.RunAsync("echo", ["still", "sandboxed"]);

        Assert.Null(result.FailureReason);
        Assert.Equal("still sandboxed\n", result.Stdout);
    }

    /// <summary>A row running c-breakout (tests/Guests/c/breakout.c) with these operations as its arguments.</summary>
    private static EscapeCase C(string name, params string[] args) => new(name, Breakout, Built: true, args);

    /// <summary>A row running a .wat guest of tests/Guests.</summary>
    private static EscapeCase Wat(string name, string guest) => new(name, guest, Built: false, []);

    /// <summary>An escape attempt and everything its run must report; the defaults are a clean exit 0 without output.</summary>
    private sealed record EscapeCase(string Name, string Guest, bool Built, string[] Args)
    {
        public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();
        public IReadOnlyList<string> Outputs { get; init; } = [];
        public string? Reason { get; init; }
        public int? ExitCode { get; init; } = 0;
        public string Stdout { get; init; } = "";
        public bool StdoutTruncated { get; init; }
        /// <summary>Whether the guest's <c>_start</c> ran (false: refused while instantiating).</summary>
        public bool Starts { get; init; } = true;
        /// <summary>A piece of the failure message.</summary>
        public string? Message { get; init; }
        public ulong? FuelConsumed { get; init; }
        public IReadOnlyList<Artifact> Artifacts { get; init; } = [];
    }
}
