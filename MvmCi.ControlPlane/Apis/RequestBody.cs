using System.Buffers;

namespace MvmCi.ControlPlane.Apis;

/// <summary>Reads raw request bodies with a size limit of our own.</summary>
public static class RequestBody
{
    /// <summary>The body, or null when it is longer than <paramref name="limit"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is > 0 and var length ? (int)length : 64 * 1024);
        while (true)
        {
            var memory = buffer.GetMemory(64 * 1024);
            var read = await request.Body.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }
            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                return null;
            }
        }
    }
}
