using System.Security.Cryptography;

namespace NatLearning.Stun.Attributes;

/// <summary>
/// MESSAGE-INTEGRITY (RFC 8489 §14.5): HMAC-SHA1 of the message up to this attribute, keyed with the credential's key.
/// When a message is encoded with a key, the HMAC is computed there; otherwise these bytes are written as they are.
/// </summary>
public sealed record MessageIntegrity(byte[] Hmac) : StunAttribute
{
    public const int Length = 20;

    /// <summary>A placeholder the encoder fills in with the real HMAC.</summary>
    public static MessageIntegrity Placeholder => new(new byte[Length]);

    public override StunAttributeType Type => StunAttributeType.MessageIntegrity;
    public override byte[] EncodeValue(TransactionId transactionId) => Hmac;

    internal override int WriteValue(Span<byte> destination, TransactionId transactionId) => AttributeValue.Write(destination, Hmac);
    public override string Describe() => Convert.ToHexStringLower(Hmac);

    // RFC 8489 §14.5: HMAC-SHA1 over the message with its Length field covering up to and including this attribute.
    internal static void Compute(Span<byte> destination, ReadOnlySpan<byte> key, ReadOnlySpan<byte> messageUpToAttribute) =>
        KeyedHmac.Compute(destination, HashAlgorithmName.SHA1, key, messageUpToAttribute);

    internal static MessageIntegrity Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset)
    {
        StunFormatException.Require(value.Length == Length, offset, $"MESSAGE-INTEGRITY is {value.Length} bytes; it must be {Length}");
        return new(value.ToArray());
    }
}
