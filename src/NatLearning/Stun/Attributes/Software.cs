namespace NatLearning.Stun.Attributes;

/// <summary>SOFTWARE (RFC 8489 §14.14): the agent's name and version, for debugging.</summary>
public sealed record Software : TextAttribute
{
    public const int MaxBytes = 763;

    public Software(string value) : base(value, MaxBytes) { }

    public override StunAttributeType Type => StunAttributeType.Software;

    internal static Software Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset) =>
        new(DecodeText(value, offset, StunAttributeType.Software, MaxBytes));
}
