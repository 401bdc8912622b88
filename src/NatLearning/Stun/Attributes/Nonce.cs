namespace NatLearning.Stun.Attributes;

/// <summary>NONCE (RFC 8489 §14.10): the server's challenge value, echoed back by the client.</summary>
public sealed record Nonce : TextAttribute
{
    public const int MaxBytes = 763;

    public Nonce(string value) : base(value, MaxBytes) { }

    public override StunAttributeType Type => StunAttributeType.Nonce;

    internal static Nonce Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset) =>
        new(DecodeText(value, offset, StunAttributeType.Nonce, MaxBytes));
}
