namespace NatLearning.Stun.Attributes;

/// <summary>DATA (RFC 8656 §18.4): application data carried in a TURN Send or Data indication.</summary>
public sealed record Data(byte[] Value) : StunAttribute
{
    public override StunAttributeType Type => StunAttributeType.Data;
    public override byte[] EncodeValue(TransactionId transactionId) => Value;

    internal override int WriteValue(Span<byte> destination, TransactionId transactionId) => AttributeValue.Write(destination, Value);
    public override string Describe() => $"{Value.Length} bytes";

    internal static Data Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset) => new(value.ToArray());
}
