namespace NatLearning.Stun;

/// <summary>An attribute whose presence is the whole message: it has an empty value (USE-CANDIDATE, DONT-FRAGMENT).</summary>
public abstract record FlagAttribute : StunAttribute
{
    public override byte[] EncodeValue(TransactionId transactionId) => [];

    internal override int WriteValue(Span<byte> destination, TransactionId transactionId) => 0;
    public override string Describe() => "(flag)";

    private protected static void RequireEmpty(ReadOnlySpan<byte> value, int offset, StunAttributeType type) =>
        AttributeValue.RequireLength(value, 0, offset, type);
}
