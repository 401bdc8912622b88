namespace NatLearning.Stun.Attributes;

/// <summary>USERHASH (RFC 8489 §14.4): SHA-256(username ":" realm), sent instead of USERNAME to keep the name private.</summary>
public sealed record UserHash(byte[] Hash) : StunAttribute
{
    public const int Length = 32;

    public override StunAttributeType Type => StunAttributeType.UserHash;
    public override byte[] EncodeValue(TransactionId transactionId) => Hash;
    public override string Describe() => Convert.ToHexStringLower(Hash);

    // RFC 8489 §14.4: userhash = SHA-256(OpaqueString(username) ":" OpaqueString(realm)).
    public static UserHash For(string username, string realm) =>
        new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{SaslPrep.Prepare(username)}:{SaslPrep.Prepare(realm)}")));

    internal static UserHash Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset)
    {
        AttributeValue.RequireLength(value, Length, offset, StunAttributeType.UserHash);
        return new(value.ToArray());
    }
}
