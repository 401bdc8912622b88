namespace NatLearning.Stun.Attributes;

/// <summary>USERNAME (RFC 8489 §14.3): who is asking; with short-term credentials, ICE's "remote:local" ufrags.</summary>
public sealed record Username : TextAttribute
{
    public const int MaxBytes = 513;

    public Username(string value) : base(value, MaxBytes) { }

    public override StunAttributeType Type => StunAttributeType.Username;

    internal static Username Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset) =>
        new(DecodeText(value, offset, StunAttributeType.Username, MaxBytes));
}
