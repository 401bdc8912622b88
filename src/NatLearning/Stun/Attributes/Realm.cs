namespace NatLearning.Stun.Attributes;

/// <summary>REALM (RFC 8489 §14.9): the long-term credential's domain, which goes into the key.</summary>
public sealed record Realm : TextAttribute
{
    public const int MaxBytes = 763;

    public Realm(string value) : base(value, MaxBytes) { }

    public override StunAttributeType Type => StunAttributeType.Realm;

    internal static Realm Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset) =>
        new(DecodeText(value, offset, StunAttributeType.Realm, MaxBytes));
}
