namespace NatLearning.Stun.Attributes;

/// <summary>ICE-CONTROLLED (RFC 8445 §7.1.3): the sender thinks it is the controlled agent; the tie-breaker settles role conflicts.</summary>
public sealed record IceControlled(ulong TieBreaker) : StunAttribute
{
    public override StunAttributeType Type => StunAttributeType.IceControlled;
    public override byte[] EncodeValue(TransactionId transactionId) => AttributeValue.Of(TieBreaker);

    internal override int WriteValue(Span<byte> destination, TransactionId transactionId) => AttributeValue.Write(destination, TieBreaker);
    public override string Describe() => $"tie-breaker 0x{TieBreaker:x16}";

    internal static IceControlled Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset) =>
        new(AttributeValue.UInt64(value, offset, StunAttributeType.IceControlled));
}
