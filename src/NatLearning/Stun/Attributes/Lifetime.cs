namespace NatLearning.Stun.Attributes;

/// <summary>LIFETIME (RFC 8656 §18.2): seconds until a TURN allocation expires unless refreshed.</summary>
public sealed record Lifetime(uint Seconds) : StunAttribute
{
    public override StunAttributeType Type => StunAttributeType.Lifetime;
    public override byte[] EncodeValue(TransactionId transactionId) => AttributeValue.Of(Seconds);

    internal override int WriteValue(Span<byte> destination, TransactionId transactionId) => AttributeValue.Write(destination, Seconds);
    public override string Describe() => $"{Seconds} s";

    internal static Lifetime Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset) =>
        new(AttributeValue.UInt32(value, offset, StunAttributeType.Lifetime));
}
