using System.Buffers;
using System.Text;

namespace MvmCi.Execution.Wasi;

/// <summary>A guest output stream kept up to a byte cap; what goes past it is counted and dropped.</summary>
internal sealed class CappedOutput(int capacity)
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    public bool Truncated { get; private set; }

    public void Write(ReadOnlySpan<byte> data)
    {
        var room = capacity - _buffer.WrittenCount;
        if (data.Length > room)
        {
            Truncated = true;
            data = data[..Math.Max(0, room)];
        }
        _buffer.Write(data);
    }

    /// <summary>The captured text; invalid UTF-8 (including a character cut by the cap) becomes U+FFFD.</summary>
    public override string ToString() => Encoding.UTF8.GetString(_buffer.WrittenSpan);
}
