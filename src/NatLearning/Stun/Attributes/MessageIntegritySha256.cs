using System.Security.Cryptography;

namespace NatLearning.Stun.Attributes;

/// <summary>
/// MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.6): HMAC-SHA256 of the message up to this attribute, possibly truncated
/// to 16..32 bytes in steps of 4.
/// </summary>
public sealed record MessageIntegritySha256(byte[] Hmac) : StunAttribute
{
    public const int FullLength = 32;

    public static MessageIntegritySha256 Placeholder => new(new byte[FullLength]);

    public override StunAttributeType Type => StunAttributeType.MessageIntegritySha256;
    public override byte[] EncodeValue(TransactionId transactionId) => Hmac;
    public override string Describe() => Convert.ToHexStringLower(Hmac);

    internal static byte[] Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> messageUpToAttribute, int length) =>
        KeyedHmac.Compute(HashAlgorithmName.SHA256, key, messageUpToAttribute)[..length];

    internal static MessageIntegritySha256 Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset)
    {
        // RFC 8489 §14.6: at least 16 bytes, at most 32, a multiple of 4.
        StunFormatException.Require(value.Length is >= 16 and <= FullLength && value.Length % 4 == 0, offset,
            $"MESSAGE-INTEGRITY-SHA256 is {value.Length} bytes; it must be 16, 20, 24, 28 or 32");
        return new(value.ToArray());
    }
}
