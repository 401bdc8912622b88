using System.Net;
using NatLearning.Turn;

namespace NatLearning.Tests.Turn;

/// <summary>The TURN server's nonces (RFC 8656 §7.2 with RFC 8489 §9.2): bound to the client's address and to a lifetime, a valid one remembered.</summary>
public class StatelessNonceTests
{
    private static readonly IPEndPoint Alice = new(IPAddress.Parse("49.36.10.25"), 62000), Mallory = new(IPAddress.Parse("88.20.15.90"), 54000);

    [Fact]
    public void A_nonce_stays_valid_for_its_client_only_and_only_for_its_lifetime_even_once_remembered()
    {
        var nonces = new StatelessNonce(new byte[32], TimeSpan.FromMinutes(10));
        var nonce = nonces.Issue(TimeSpan.FromSeconds(5), Alice);
        Assert.True(nonces.IsValid(nonce, TimeSpan.FromSeconds(6), Alice));
        Assert.True(nonces.IsValid(nonce, TimeSpan.FromSeconds(7), Alice));             // the remembered answer
        Assert.False(nonces.IsValid(nonce, TimeSpan.FromSeconds(7), Mallory));          // another address: stale
        Assert.False(nonces.IsValid(nonce, TimeSpan.FromMinutes(11), Alice));           // too old, remembered or not
        var forged = nonce[..^1] + (nonce[^1] == '0' ? '1' : '0');
        Assert.False(nonces.IsValid(forged, TimeSpan.FromSeconds(8), Alice));           // one MAC digit changed
        Assert.True(nonces.IsValid(nonce, TimeSpan.FromSeconds(9), Alice));
    }
}
