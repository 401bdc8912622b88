namespace NatLearning.Stun.Attributes;

/// <summary>PRIORITY (RFC 8445 §7.1.1): the priority a peer-reflexive candidate learned from this check would get.</summary>
public sealed record Priority(uint Value) : StunAttribute
{
    public override StunAttributeType Type => StunAttributeType.Priority;
    public override byte[] EncodeValue(TransactionId transactionId) => AttributeValue.Of(Value);

    internal override int WriteValue(Span<byte> destination, TransactionId transactionId) => AttributeValue.Write(destination, Value);
    public override string Describe() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal static Priority Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset) =>
        new(AttributeValue.UInt32(value, offset, StunAttributeType.Priority));
}
