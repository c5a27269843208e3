using System.Buffers.Binary;
using System.Text;

namespace MvmCi.IntegrationTests.Tracing;

/// <summary>
/// Just enough of the protobuf wire format to walk an OTLP message: tags, varints, fixed-width
/// numbers and length-delimited fields (bytes, strings, nested messages). Unknown fields are skipped.
/// </summary>
public ref struct ProtobufReader(ReadOnlySpan<byte> buffer)
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    private readonly ReadOnlySpan<byte> _buffer = buffer;
    private int _position;

    /// <summary>Reads the next field's number and wire type; false at the end of the message.</summary>
    public bool TryReadTag(out int field, out int wireType)
    {
        if (_position >= _buffer.Length)
        {
            field = 0;
            wireType = 0;
            return false;
        }
        var tag = ReadVarint();
        field = checked((int)(tag >> 3));
        wireType = (int)(tag & 7);
        if (field == 0)
        {
            throw new FormatException($"Field number 0 at offset {_position}.");
        }
        return true;
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _buffer.Length)
            {
                throw new FormatException("Truncated varint.");
            }
            var b = _buffer[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
        throw new FormatException("Varint longer than 10 bytes.");
    }

    public ulong ReadFixed64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public uint ReadFixed32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public ReadOnlySpan<byte> ReadLengthDelimited() => Take(checked((int)ReadVarint()));

    public string ReadString() => Encoding.UTF8.GetString(ReadLengthDelimited());

    /// <summary>
    /// The values of every length-delimited field numbered <paramref name="number"/> in <paramref name="message"/>
    /// (copied: a span cannot outlive the loop that reads it). Embedded messages may come in any order on the wire.
    /// </summary>
    public static List<byte[]> Fields(ReadOnlySpan<byte> message, int number)
    {
        var values = new List<byte[]>();
        var reader = new ProtobufReader(message);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (field == number && wireType == LengthDelimited)
            {
                values.Add(reader.ReadLengthDelimited().ToArray());
            }
            else
            {
                reader.Skip(wireType);
            }
        }
        return values;
    }

    /// <summary>Skips the value of a field this reader does not look at.</summary>
    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case Varint:
                ReadVarint();
                break;
            case Fixed64:
                Take(8);
                break;
            case LengthDelimited:
                ReadLengthDelimited();
                break;
            case Fixed32:
                Take(4);
                break;
            default:
                // Groups (3, 4) are deprecated and OTLP does not use them.
                throw new FormatException($"Unsupported wire type {wireType} at offset {_position}.");
        }
    }

    private ReadOnlySpan<byte> Take(int length)
    {
        if (length < 0 || _position + length > _buffer.Length)
        {
            throw new FormatException($"Field of {length} bytes at offset {_position} runs past the end ({_buffer.Length}).");
        }
        var slice = _buffer.Slice(_position, length);
        _position += length;
        return slice;
    }
}
