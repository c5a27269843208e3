using System.Security.Cryptography;
using System.Text;

namespace MvmCi.Jobs.Security;

/// <summary>
/// Keys look like <c>mvmci_{id}_{secret}</c>: the id (10 characters) finds the stored hash in one read, the secret
/// (32 random bytes, base64url) is what proves the holder. Only the SHA-256 of the whole key is stored: a key has
/// 256 bits of entropy, so a slow password hash would add nothing but latency on every request.
/// </summary>
public static class ApiKeyFormat
{
    public const string Prefix = "mvmci_";
    private const int IdLength = 10;
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static (string Id, string Key) New()
    {
        var id = RandomNumberGenerator.GetString(IdAlphabet, IdLength);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (id, $"{Prefix}{id}_{secret}");
    }

    /// <summary>The id of a key in this format; null for anything else (e.g. a deployment's bootstrap key).</summary>
    public static string? IdOf(string key)
    {
        if (key.Length < Prefix.Length + IdLength + 2 || !key.StartsWith(Prefix, StringComparison.Ordinal) || key[Prefix.Length + IdLength] != '_')
        {
            return null;
        }
        var id = key.Substring(Prefix.Length, IdLength);
        return id.All(c => IdAlphabet.Contains(c, StringComparison.Ordinal)) ? id : null;
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Compares two hashes in constant time.</summary>
    public static bool HashesMatch(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
