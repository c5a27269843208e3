namespace MvmCi.Jobs.Contracts;

/// <summary>Job ids are version 7 GUIDs: their first 48 bits are the submit time in Unix milliseconds.</summary>
public static class JobIds
{
    /// <summary>
    /// A new id for a job submitted at <paramref name="now"/>. Version 7 GUIDs are unique across processes and
    /// sort by creation time (to the millisecond), which the lexically ordered job sets rely on for "newest first".
    /// </summary>
    public static string New(DateTimeOffset now) => Guid.CreateVersion7(now).ToString("D");

    /// <summary>The submit time the id carries, or null for an id that is not a version 7 GUID.</summary>
    public static DateTimeOffset? CreatedAt(string id)
    {
        if (!Guid.TryParse(id, out var guid) || guid.Version != 7)
        {
            return null;
        }
        Span<byte> bytes = stackalloc byte[16];
        guid.TryWriteBytes(bytes, bigEndian: true, out _);
        long ms = 0;
        for (var i = 0; i < 6; i++)
        {
            ms = (ms << 8) | bytes[i];
        }
        return DateTimeOffset.FromUnixTimeMilliseconds(ms);
    }
}
