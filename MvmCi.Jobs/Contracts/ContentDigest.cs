using System.Security.Cryptography;

namespace MvmCi.Jobs.Contracts;

/// <summary>How modules and blobs are addressed: <c>sha256:</c> and the lowercase hex SHA-256 of the bytes.</summary>
public static class ContentDigest
{
    public const string Prefix = "sha256:";

    public static string Of(ReadOnlySpan<byte> bytes) => Prefix + Convert.ToHexStringLower(SHA256.HashData(bytes));
}
