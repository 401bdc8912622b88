namespace NatLearning.Stun.Attributes;

/// <summary>RESERVATION-TOKEN (RFC 8656 §18.9): names a relay port a previous EVEN-PORT request reserved.</summary>
public sealed record ReservationToken(ulong Token) : StunAttribute
{
    public override StunAttributeType Type => StunAttributeType.ReservationToken;
    public override byte[] EncodeValue(TransactionId transactionId) => AttributeValue.Of(Token);

    internal override int WriteValue(Span<byte> destination, TransactionId transactionId) => AttributeValue.Write(destination, Token);
    public override string Describe() => $"0x{Token:x16}";

    internal static ReservationToken Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset) =>
        new(AttributeValue.UInt64(value, offset, StunAttributeType.ReservationToken));
}
