namespace NatLearning.Stun.Attributes;

/// <summary>ICE-CONTROLLING (RFC 8445 §7.1.3): the sender thinks it is the controlling agent; the tie-breaker settles role conflicts.</summary>
public sealed record IceControlling(ulong TieBreaker) : StunAttribute
{
    public override StunAttributeType Type => StunAttributeType.IceControlling;
    public override byte[] EncodeValue(TransactionId transactionId) => AttributeValue.Of(TieBreaker);

    internal override int WriteValue(Span<byte> destination, TransactionId transactionId) => AttributeValue.Write(destination, TieBreaker);
    public override string Describe() => $"tie-breaker 0x{TieBreaker:x16}";

    internal static IceControlling Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset) =>
        new(AttributeValue.UInt64(value, offset, StunAttributeType.IceControlling));
}
