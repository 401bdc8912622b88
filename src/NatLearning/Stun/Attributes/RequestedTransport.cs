namespace NatLearning.Stun.Attributes;

/// <summary>REQUESTED-TRANSPORT (RFC 8656 §18.6): the IP protocol number the relay should use (17 = UDP).</summary>
public sealed record RequestedTransport(byte Protocol) : StunAttribute
{
    public const byte Udp = 17;

    public override StunAttributeType Type => StunAttributeType.RequestedTransport;
    public override byte[] EncodeValue(TransactionId transactionId) => [Protocol, 0, 0, 0];
    public override string Describe() => Protocol == Udp ? "UDP (17)" : Protocol.ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal static RequestedTransport Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset) =>
        new((byte)(AttributeValue.UInt32(value, offset, StunAttributeType.RequestedTransport) >> 24));
}
