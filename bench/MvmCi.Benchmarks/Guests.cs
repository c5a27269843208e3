namespace MvmCi.Benchmarks;

/// <summary>The benchmarked guests, as WAT: converted with <c>Module.ConvertText</c> at setup.</summary>
internal static class Guests
{
    /// <summary>A WASI command that does nothing: the cost of a run is all set-up and tear-down.</summary>
    public const string Noop = """(module (memory (export "memory") 1) (func (export "_start")))""";

    /// <summary>A WASI command that writes one line to stdout with a single <c>fd_write</c>.</summary>
    public const string Hello = """
        (module
          (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 16) "hello, world\n")
          (func (export "_start")
            ;; iovec at 0: { buf = 16, len = 13 }; bytes written at 8
            (i32.store (i32.const 0) (i32.const 16))
            (i32.store (i32.const 4) (i32.const 13))
            (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
        """;
}
