namespace NatLearning.Stun.Attributes;

/// <summary>CHANGE-REQUEST (RFC 5780 §7.2): asks the server to answer from its other IP address and/or other port.</summary>
public sealed record ChangeRequest(bool ChangeIp, bool ChangePort) : StunAttribute
{
    private const byte ChangeIpFlag = 0x04, ChangePortFlag = 0x02;

    public override StunAttributeType Type => StunAttributeType.ChangeRequest;
    public override byte[] EncodeValue(TransactionId transactionId) =>
        [0, 0, 0, (byte)((ChangeIp ? ChangeIpFlag : 0) | (ChangePort ? ChangePortFlag : 0))];
    public override string Describe() => $"change IP: {(ChangeIp ? "yes" : "no")}, change port: {(ChangePort ? "yes" : "no")}";

    internal static ChangeRequest Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset)
    {
        var v = AttributeValue.UInt32(value, offset, StunAttributeType.ChangeRequest);
        return new((v & ChangeIpFlag) != 0, (v & ChangePortFlag) != 0);
    }
}
