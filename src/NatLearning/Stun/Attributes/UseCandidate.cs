namespace NatLearning.Stun.Attributes;

/// <summary>USE-CANDIDATE (RFC 8445 §7.1.2): the controlling agent nominates this pair. It has no value.</summary>
public sealed record UseCandidate : StunAttribute
{
    public override StunAttributeType Type => StunAttributeType.UseCandidate;
    public override byte[] EncodeValue(TransactionId transactionId) => [];
    public override string Describe() => "(flag)";

    internal static UseCandidate Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset)
    {
        AttributeValue.RequireLength(value, 0, offset, StunAttributeType.UseCandidate);
        return new();
    }
}
