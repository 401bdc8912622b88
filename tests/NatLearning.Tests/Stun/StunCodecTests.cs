using NatLearning.Stun;
using NatLearning.Stun.Attributes;

namespace NatLearning.Tests.Stun;

public class StunCodecTests
{
    public static TheoryData<int> AttributeIndexes => [.. Enumerable.Range(0, StunSamples.AllAttributes().Count)];

    [Theory]
    [MemberData(nameof(AttributeIndexes))]
    public void Every_attribute_round_trips(int index)
    {
        var attribute = StunSamples.AllAttributes()[index];
        var tid = new TransactionId(0x0102030405060708, 0x090a0b0c);
        var bytes = StunMessage.Request(StunMethod.Binding, tid, attribute).Encode();
        var back = Assert.Single(StunMessage.Parse(bytes).Attributes);
        Assert.Equal(attribute.GetType(), back.GetType());
        Assert.Equal(attribute.Type, back.Type);
        Assert.Equal(attribute.Describe(), back.Describe());
        Assert.Equal(attribute.EncodeValue(tid), back.EncodeValue(tid));
        Assert.Equal(0, bytes.Length % 4);
    }

    [Theory]
    [InlineData(StunMethod.Binding, StunClass.Request, 0x0001)]
    [InlineData(StunMethod.Binding, StunClass.SuccessResponse, 0x0101)]
    [InlineData(StunMethod.Binding, StunClass.ErrorResponse, 0x0111)]
    [InlineData(StunMethod.Allocate, StunClass.Request, 0x0003)]
    [InlineData(StunMethod.Send, StunClass.Indication, 0x0016)]
    [InlineData(StunMethod.Data, StunClass.Indication, 0x0017)]
    [InlineData((StunMethod)0xFFF, StunClass.ErrorResponse, 0x3FFF)]
    public void Method_and_class_bits_interleave_as_in_rfc_8489_section_5(StunMethod method, StunClass stunClass, int type)
    {
        Assert.Equal(type, StunMessageType.Encode(method, stunClass));
        Assert.Equal((method, stunClass), StunMessageType.Decode((ushort)type));
    }

    [Fact]
    public void Every_12_bit_method_and_class_round_trips()
    {
        for (var m = 0; m <= 0xFFF; m++)
            foreach (var c in Enum.GetValues<StunClass>())
                Assert.Equal(((StunMethod)m, c), StunMessageType.Decode(StunMessageType.Encode((StunMethod)m, c)));
    }

    [Fact]
    public void Integrity_sha256_and_fingerprint_round_trip_and_detect_tampering()
    {
        var key = new LongTermCredential("bob", "example.org", "secret").KeySha256;
        var bytes = StunMessage.Request(StunMethod.Allocate, new TransactionId(1, 2), new Lifetime(300))
            .Encode(key, fingerprint: true, sha256Integrity: true);
        var m = StunMessage.Parse(bytes);
        Assert.True(m.VerifyMessageIntegritySha256(key));
        Assert.Equal(StunVerdict.Absent, m.CheckIntegrity<MessageIntegrity>(key));
        Assert.True(m.VerifyFingerprint());
        bytes[27] ^= 0x80;
        var tampered = StunMessage.Parse(bytes);
        Assert.False(tampered.VerifyMessageIntegritySha256(key));
        Assert.False(tampered.VerifyFingerprint());
    }

    [Fact]
    public void Attributes_after_message_integrity_are_ignored_except_fingerprint()
    {
        var tid = new TransactionId(5, 6);
        var signed = StunMessage.Request(StunMethod.Binding, tid, new Software("x"), MessageIntegrity.Placeholder, new Data([1]), new Fingerprint(0))
            .Encode([7, 7, 7]);
        var m = StunMessage.Parse(signed);
        Assert.Equal([typeof(Software), typeof(MessageIntegrity), typeof(Fingerprint)], m.Attributes.Select(a => a.GetType()));
        Assert.IsType<Data>(Assert.Single(m.IgnoredAttributes));
        Assert.True(m.VerifyFingerprint());
    }

    [Fact]
    public void Unknown_comprehension_optional_attributes_are_kept_raw()
    {
        var bytes = StunMessage.Request(StunMethod.Binding, new TransactionId(1, 1), new UnknownAttribute(0x8fff, [1, 2, 3, 4, 5])).Encode();
        var u = Assert.IsType<UnknownAttribute>(Assert.Single(StunMessage.Parse(bytes).Attributes));
        Assert.Equal(0x8fff, u.RawType);
        Assert.False(u.IsComprehensionRequired);
        Assert.Equal([1, 2, 3, 4, 5], u.Value);
    }

    [Theory]
    [InlineData("000100", 3, "20-byte header")]
    [InlineData("c0010000 2112a442 000000000000000000000000", 0, "first two bits")]
    [InlineData("00010002 2112a442 000000000000000000000000", 2, "multiple of 4")]
    [InlineData("00010000 2112a443 000000000000000000000000", 4, "magic cookie")]
    [InlineData("00010008 2112a442 000000000000000000000000 00000000", 2, "Message Length says 8")]
    [InlineData("00010008 2112a442 000000000000000000000000 00200008 0001a147", 22, "XOR-MAPPED-ADDRESS says its value is 8 bytes")]
    [InlineData("00010008 2112a442 000000000000000000000000 00200004 0003a147", 25, "address family 0x03")]
    [InlineData("00010008 2112a442 000000000000000000000000 80280003 00000000", 24, "FINGERPRINT is 3 bytes")]
    public void Bad_input_names_the_problem_and_its_byte_offset(string hex, int offset, string problem)
    {
        var e = Assert.Throws<StunFormatException>(() => StunMessage.Parse(Rfc5769Vectors.Hex(hex)));
        Assert.Equal(offset, e.Offset);
        Assert.Contains(problem, e.Message);
        Assert.Contains($"at byte {offset}", e.Message);
    }

    [Fact]
    public void SaslPrep_maps_spaces_and_refuses_control_characters()
    {
        Assert.Equal("a b", SaslPrep.Prepare("a\u00A0b"));
        Assert.Equal("ABC", SaslPrep.Prepare("\uFF21\uFF22\uFF23"));
        var e = Assert.Throws<ArgumentException>(() => SaslPrep.Prepare("pass\u0007word"));
        Assert.Contains("U+0007", e.Message);
    }
}
