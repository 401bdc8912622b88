namespace NatLearning.Stun.Attributes;

/// <summary>DONT-FRAGMENT (RFC 8656 §18.8): ask the TURN server to set DF on relayed packets. It has no value.</summary>
public sealed record DontFragment : StunAttribute
{
    public override StunAttributeType Type => StunAttributeType.DontFragment;
    public override byte[] EncodeValue(TransactionId transactionId) => [];
    public override string Describe() => "(flag)";

    internal static DontFragment Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset)
    {
        AttributeValue.RequireLength(value, 0, offset, StunAttributeType.DontFragment);
        return new();
    }
}
