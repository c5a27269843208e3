using System.Buffers;
using System.Globalization;
using System.Text;

namespace MvmCi.Execution.Wasi;

/// <summary>
/// A guest output stream kept up to a byte cap; what goes past it is dropped and flagged. What is kept
/// is also handed to <paramref name="onText"/> as it arrives (UTF-8 decoded across writes), for live logs.
/// </summary>
internal sealed class CappedOutput(int capacity, Action<string>? onText = null)
{
    private readonly ArrayBufferWriter<byte> _buffer = new();
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();

    public bool Truncated { get; private set; }

    public void Write(ReadOnlySpan<byte> data)
    {
        var room = capacity - _buffer.WrittenCount;
        var truncatedNow = false;
        if (data.Length > room)
        {
            truncatedNow = !Truncated;
            Truncated = true;
            data = data[..Math.Max(0, room)];
        }
        _buffer.Write(data);
        if (onText is not null && !data.IsEmpty)
        {
            var chars = new char[_decoder.GetCharCount(data, flush: false)];
            var count = _decoder.GetChars(data, chars, flush: false);
            if (count > 0)
            {
                onText(new string(chars, 0, count));
            }
        }
        if (truncatedNow && onText is not null)
        {
            // Live readers learn why the output stops; the stored output carries the flag instead.
            onText(string.Create(CultureInfo.InvariantCulture, $"{TruncationMarkerStart}{capacity} bytes]\n"));
        }
    }

    /// <summary>Start of the line live logs get when a stream reaches its cap.</summary>
    public const string TruncationMarkerStart = "\n[mvmci: output truncated at ";

    /// <summary>The captured text; invalid UTF-8 (including a character cut by the cap) becomes U+FFFD.</summary>
    public override string ToString() => Encoding.UTF8.GetString(_buffer.WrittenSpan);
}
