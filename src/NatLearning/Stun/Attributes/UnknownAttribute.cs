namespace NatLearning.Stun.Attributes;

/// <summary>An attribute this library does not know, kept raw so it survives a decode and re-encode unchanged.</summary>
public sealed record UnknownAttribute(ushort RawType, byte[] Value) : StunAttribute
{
    public override StunAttributeType Type => (StunAttributeType)RawType;
    public bool IsComprehensionRequired => StunAttributeTypes.IsComprehensionRequired(RawType);
    public override byte[] EncodeValue(TransactionId transactionId) => Value;
    public override string Describe() => $"{Value.Length} bytes {Convert.ToHexStringLower(Value)}";
}
