namespace NatLearning.Stun.Attributes;

/// <summary>REQUESTED-ADDRESS-FAMILY (RFC 8656 §18.10): relay over IPv4 (0x01) or IPv6 (0x02).</summary>
public sealed record RequestedAddressFamily(byte Family) : StunAttribute
{
    public const byte IPv4 = 0x01, IPv6 = 0x02;

    public override StunAttributeType Type => StunAttributeType.RequestedAddressFamily;
    public override byte[] EncodeValue(TransactionId transactionId) => [Family, 0, 0, 0];
    public override string Describe() => Family switch { IPv4 => "IPv4", IPv6 => "IPv6", _ => $"0x{Family:x2}" };

    internal static RequestedAddressFamily Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset) =>
        new((byte)(AttributeValue.UInt32(value, offset, StunAttributeType.RequestedAddressFamily) >> 24));
}
