using System.Net;
using System.Text;
using NatLearning.Stun;
using NatLearning.Stun.Attributes;
using static NatLearning.Tests.Stun.Rfc5769Vectors;

namespace NatLearning.Tests.Stun;

public class Rfc5769Tests
{
    private static readonly byte[] ShortTermKey = new ShortTermCredential("evtj:h6vY", ShortTermPassword).Key;

    [Fact]
    public void Sample_request_decodes_verifies_and_reencodes_byte_for_byte()
    {
        var m = StunMessage.Parse(Request);
        Assert.Equal((StunMethod.Binding, StunClass.Request), (m.Method, m.Class));
        Assert.Equal(TransactionId.Parse(TransactionIdHex), m.TransactionId);
        Assert.Equal("STUN test client", m.Get<Software>()!.Value);
        Assert.Equal(0x6e0001ffu, m.Get<Priority>()!.Value);
        Assert.Equal(0x932ff9b151263b36ul, m.Get<IceControlled>()!.TieBreaker);
        Assert.Equal("evtj:h6vY", m.Get<Username>()!.Value);
        Assert.True(m.VerifyMessageIntegrity(ShortTermKey));
        Assert.True(m.VerifyFingerprint());
        Assert.Equal(Request, m.Encode(ShortTermKey, paddingByte: (byte)' '));
    }

    [Fact]
    public void Sample_ipv4_response_gives_the_mapped_address_and_reencodes()
    {
        var m = StunMessage.Parse(Ipv4Response);
        Assert.Equal(StunClass.SuccessResponse, m.Class);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 32853), m.MappedEndPoint);
        Assert.Equal("test vector", m.Get<Software>()!.Value);
        Assert.True(m.VerifyMessageIntegrity(ShortTermKey));
        Assert.True(m.VerifyFingerprint());
        Assert.Equal(Ipv4Response, m.Encode(ShortTermKey, paddingByte: (byte)' '));
    }

    [Fact]
    public void Sample_ipv6_response_gives_the_mapped_address_and_reencodes()
    {
        var m = StunMessage.Parse(Ipv6Response);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8:1234:5678:11:2233:4455:6677"), 32853), m.MappedEndPoint);
        Assert.True(m.VerifyMessageIntegrity(ShortTermKey));
        Assert.True(m.VerifyFingerprint());
        Assert.Equal(Ipv6Response, m.Encode(ShortTermKey, paddingByte: (byte)' '));
    }

    [Fact]
    public void Long_term_request_verifies_with_the_saslprepped_unicode_password_and_reencodes()
    {
        var m = StunMessage.Parse(LongTermRequest);
        Assert.Equal(LongTermUsername, m.Get<Username>()!.Value);
        Assert.Equal(LongTermNonce, m.Get<Nonce>()!.Value);
        Assert.Equal(LongTermRealm, m.Get<Realm>()!.Value);
        Assert.Equal(StunVerdict.Absent, m.CheckFingerprint());
        Assert.Equal("TheMatrIX", SaslPrep.Prepare(LongTermPassword));
        var key = new LongTermCredential(LongTermUsername, LongTermRealm, LongTermPassword).Key;
        Assert.Equal(key, new LongTermCredential(LongTermUsername, LongTermRealm, "TheMatrIX").Key);
        Assert.True(m.VerifyMessageIntegrity(key));
        Assert.Equal(LongTermRequest, m.Encode(key));

        // Built from scratch, the same request comes out byte for byte.
        var built = StunMessage.Request(StunMethod.Binding, m.TransactionId,
            new Username(LongTermUsername), new Nonce(LongTermNonce), new Realm(LongTermRealm));
        Assert.Equal(LongTermRequest, built.Encode(key));
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("VOkJxbRl1RmTxUk/WvJxBT")]
    public void A_wrong_short_term_password_fails_verification(string password)
    {
        var key = Encoding.UTF8.GetBytes(password);
        Assert.False(StunMessage.Parse(Request).VerifyMessageIntegrity(key));
        Assert.Equal(StunVerdict.Invalid, StunMessage.Parse(Ipv4Response).CheckIntegrity<MessageIntegrity>(key));
    }

    [Fact]
    public void A_wrong_long_term_password_or_realm_fails_verification()
    {
        var m = StunMessage.Parse(LongTermRequest);
        Assert.False(m.VerifyMessageIntegrity(new LongTermCredential(LongTermUsername, LongTermRealm, "thematrix").Key));
        Assert.False(m.VerifyMessageIntegrity(new LongTermCredential(LongTermUsername, "example.com", "TheMatrIX").Key));
    }

    [Fact]
    public void A_flipped_bit_breaks_integrity_and_fingerprint()
    {
        var bytes = (byte[])Request.Clone();
        bytes[30] ^= 0x01;   // inside SOFTWARE
        var m = StunMessage.Parse(bytes);
        Assert.False(m.VerifyMessageIntegrity(ShortTermKey));
        Assert.Equal(StunVerdict.Invalid, m.CheckFingerprint());
    }
}
