namespace NatLearning.Stun.Attributes;

/// <summary>DONT-FRAGMENT (RFC 8656 §18.8): ask the TURN server to set DF on relayed packets. It has no value.</summary>
public sealed record DontFragment : FlagAttribute
{
    public override StunAttributeType Type => StunAttributeType.DontFragment;

    internal static DontFragment Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset)
    {
        RequireEmpty(value, offset, StunAttributeType.DontFragment);
        return new();
    }
}
