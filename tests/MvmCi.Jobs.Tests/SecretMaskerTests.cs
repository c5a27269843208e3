using MvmCi.Jobs.Security;

namespace MvmCi.Jobs.Tests;

public sealed class SecretMaskerTests
{
    [Fact]
    public void EveryOccurrenceIsMaskedAndTheLongerSecretFirst()
    {
        var masker = new SecretMasker(["abc", "abcdef", ""]);
        Assert.Equal("x *** y *** z ***", masker.Apply("x abcdef y abc z abcdef"));
        Assert.Equal("nothing here", masker.Apply("nothing here"));
        Assert.True(SecretMasker.None.IsEmpty);
        Assert.Equal("abc", SecretMasker.None.Apply("abc"));
    }

    [Theory]
    [InlineData("to|ken=hunter2-secret\n")]
    [InlineData("token=hun|ter2-sec|ret\n")]
    [InlineData("token=h|u|n|t|e|r|2|-|secret|\n")]
    [InlineData("token=hunter2-secret|\n")]
    public void ASecretCutBetweenPiecesIsStillMasked(string cut)
    {
        var pieces = cut.Split('|');
        var stream = new SecretMasker(["hunter2-secret"]).ForStream();
        var recorded = string.Concat(pieces.Select(stream.Push)) + stream.Flush();
        Assert.Equal("token=***\n", recorded);
    }

    [Fact]
    public void OnlyAPossibleStartOfASecretIsHeldBack()
    {
        var stream = new SecretMasker(["hunter2"]).ForStream();
        Assert.Equal("line one\n", stream.Push("line one\n"));
        Assert.Equal("say ", stream.Push("say hun"));
        // "hun" turned out not to be the secret: it comes out with the next piece.
        Assert.Equal("hungry\n", stream.Push("gry\n"));
        Assert.Equal("abc ", stream.Push("abc h"));
        Assert.Equal("h", stream.Flush());
    }
}
