namespace NatLearning.Stun.Attributes;

/// <summary>CHANNEL-NUMBER (RFC 8656 §18.1): the channel (0x4000–0x4FFF) a ChannelBind binds to a peer.</summary>
public sealed record ChannelNumber(ushort Number) : StunAttribute
{
    public override StunAttributeType Type => StunAttributeType.ChannelNumber;
    public override byte[] EncodeValue(TransactionId transactionId) => [(byte)(Number >> 8), (byte)Number, 0, 0];
    public override string Describe() => $"0x{Number:x4}";

    internal static ChannelNumber Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset) =>
        new((ushort)(AttributeValue.UInt32(value, offset, StunAttributeType.ChannelNumber) >> 16));
}
