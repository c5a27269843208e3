namespace MvmCi.Jobs.Security;

/// <summary>
/// Masks a stream of text pieces (live logs). The end of a piece that could be the start of a secret is held back until
/// the next piece shows whether it is one; <see cref="Flush"/> gives back what is held when the stream ends.
/// </summary>
public sealed class StreamMasker(SecretMasker masker)
{
    private string _held = "";

    /// <summary>The piece to record now (maybe empty), masked.</summary>
    public string Push(string piece)
    {
        if (masker.IsEmpty)
        {
            return piece;
        }
        var text = masker.Apply(_held + piece);
        var hold = HeldBackLength(text);
        _held = text[^hold..];
        return text[..^hold];
    }

    /// <summary>What is still held back (never a whole secret), once the stream has ended.</summary>
    public string Flush()
    {
        var rest = masker.Apply(_held);
        _held = "";
        return rest;
    }

    /// <summary>The longest end of <paramref name="text"/> that is a proper beginning of some secret.</summary>
    private int HeldBackLength(string text)
    {
        var longest = 0;
        foreach (var value in masker.Values)
        {
            for (var length = Math.Min(value.Length - 1, text.Length); length > longest; length--)
            {
                if (text.AsSpan(text.Length - length).SequenceEqual(value.AsSpan(0, length)))
                {
                    longest = length;
                    break;
                }
            }
        }
        return longest;
    }
}
