using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace MvmCi.Jobs.Security;

/// <summary>
/// Encrypts job secrets at rest with AES-256-GCM under a key derived (HKDF-SHA256) from the deployment's service key,
/// so Redis (and its dumps) hold only ciphertext. The secret's name is the associated data: a value cannot be moved to
/// another name.
/// </summary>
public sealed class SecretCipher(IOptions<SecurityOptions> options)
{
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(options.Value.ServiceKey),
        32, salt: null, info: "mvmci job secrets v1"u8.ToArray());

    public string Encrypt(string name, string value)
    {
        var plain = Encoding.UTF8.GetBytes(value);
        var sealedValue = new byte[1 + NonceSize + TagSize + plain.Length];
        sealedValue[0] = Version;
        var nonce = sealedValue.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedValue.AsSpan(1 + NonceSize + TagSize), sealedValue.AsSpan(1 + NonceSize, TagSize), Encoding.UTF8.GetBytes(name));
        return Convert.ToBase64String(sealedValue);
    }

    /// <summary>The value, or null when it was sealed under another service key (or altered).</summary>
    public string? Decrypt(string name, string sealedText)
    {
        byte[] sealedValue;
        try
        {
            sealedValue = Convert.FromBase64String(sealedText);
        }
        catch (FormatException)
        {
            return null;
        }
        if (sealedValue.Length < 1 + NonceSize + TagSize || sealedValue[0] != Version)
        {
            return null;
        }
        var plain = new byte[sealedValue.Length - 1 - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        try
        {
            aes.Decrypt(sealedValue.AsSpan(1, NonceSize), sealedValue.AsSpan(1 + NonceSize + TagSize), sealedValue.AsSpan(1 + NonceSize, TagSize),
                plain, Encoding.UTF8.GetBytes(name));
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
        return Encoding.UTF8.GetString(plain);
    }
}
