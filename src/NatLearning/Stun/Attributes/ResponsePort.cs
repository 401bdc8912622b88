namespace NatLearning.Stun.Attributes;

/// <summary>RESPONSE-PORT (RFC 5780 §7.5): send the response to this port instead (for filtering and hairpin tests).</summary>
public sealed record ResponsePort(ushort Port) : StunAttribute
{
    public override StunAttributeType Type => StunAttributeType.ResponsePort;
    public override byte[] EncodeValue(TransactionId transactionId) => [(byte)(Port >> 8), (byte)Port, 0, 0];
    public override string Describe() => Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal static ResponsePort Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset) =>
        new((ushort)(AttributeValue.UInt32(value, offset, StunAttributeType.ResponsePort) >> 16));
}
