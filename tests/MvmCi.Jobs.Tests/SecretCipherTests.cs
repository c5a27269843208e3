using Microsoft.Extensions.Options;
using MvmCi.Jobs.Security;

namespace MvmCi.Jobs.Tests;

public sealed class SecretCipherTests
{
    private static SecretCipher Cipher(string serviceKey) => new(Options.Create(new SecurityOptions { ServiceKey = serviceKey }));

    [Fact]
    public void AValueOpensUnderTheSameServiceKeyAndName()
    {
        var cipher = Cipher("service-key-0123456789abcdef");
        var sealedValue = cipher.Encrypt("npm-token", "hunter2 ✓");
        Assert.DoesNotContain("hunter2", sealedValue, StringComparison.Ordinal);
        Assert.Equal("hunter2 ✓", cipher.Decrypt("npm-token", sealedValue));
        // A fresh nonce each time: the same value never seals the same way twice.
        Assert.NotEqual(sealedValue, cipher.Encrypt("npm-token", "hunter2 ✓"));
    }

    [Fact]
    public void AnotherServiceKeyAnotherNameOrAnAlteredValueDoesNotOpen()
    {
        var sealedValue = Cipher("service-key-0123456789abcdef").Encrypt("npm-token", "hunter2");
        Assert.Null(Cipher("another-key-0123456789abcdef").Decrypt("npm-token", sealedValue));
        Assert.Null(Cipher("service-key-0123456789abcdef").Decrypt("other-name", sealedValue));
        var bytes = Convert.FromBase64String(sealedValue);
        bytes[^1] ^= 1;
        Assert.Null(Cipher("service-key-0123456789abcdef").Decrypt("npm-token", Convert.ToBase64String(bytes)));
        Assert.Null(Cipher("service-key-0123456789abcdef").Decrypt("npm-token", "not base64!"));
        Assert.Null(Cipher("service-key-0123456789abcdef").Decrypt("npm-token", Convert.ToBase64String(new byte[10])));
    }
}
