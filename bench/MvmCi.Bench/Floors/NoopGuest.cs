using Wasmtime;

namespace MvmCi.Bench.Floors;

/// <summary>The benchmark's guest: a WASI command whose <c>_start</c> does nothing, so a job's cost is all the system's.</summary>
public static class NoopGuest
{
    public const string Text = """(module (memory (export "memory") 1) (func (export "_start")))""";

    private static readonly Lazy<byte[]> Bytes = new(() => Module.ConvertText(Text).ToArray());

    /// <summary>The guest as a binary module (converted from <see cref="Text"/> once).</summary>
    public static byte[] Wasm => Bytes.Value;
}
