namespace NatLearning.Stun.Attributes;

/// <summary>PADDING (RFC 5780 §7.6): filler bytes, used to probe for fragmentation trouble.</summary>
public sealed record Padding(byte[] Value) : StunAttribute
{
    public Padding(int length) : this(new byte[length]) { }

    public override StunAttributeType Type => StunAttributeType.Padding;
    public override byte[] EncodeValue(TransactionId transactionId) => Value;
    public override string Describe() => $"{Value.Length} bytes";

    internal static Padding Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset) => new(value.ToArray());
}
