namespace NatLearning.Stun.Attributes;

/// <summary>USE-CANDIDATE (RFC 8445 §7.1.2): the controlling agent nominates this pair. It has no value.</summary>
public sealed record UseCandidate : FlagAttribute
{
    public override StunAttributeType Type => StunAttributeType.UseCandidate;

    internal static UseCandidate Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset)
    {
        RequireEmpty(value, offset, StunAttributeType.UseCandidate);
        return new();
    }
}
