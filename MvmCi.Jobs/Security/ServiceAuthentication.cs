using System.Security.Cryptography;
using System.Text;

namespace MvmCi.Jobs.Security;

/// <summary>How a worker proves itself to an executor: <c>Authorization: Bearer {Security:ServiceKey}</c>.</summary>
public static class ServiceAuthentication
{
    public const string Scheme = "Bearer";

    /// <summary>Whether an <c>Authorization</c> header value carries <paramref name="serviceKey"/> (compared in constant time).</summary>
    public static bool IsValid(string? authorization, string serviceKey)
    {
        if (authorization is null || !authorization.StartsWith(Scheme + " ", StringComparison.OrdinalIgnoreCase) || serviceKey.Length == 0)
        {
            return false;
        }
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[(Scheme.Length + 1)..].Trim()));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(serviceKey));
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }
}
