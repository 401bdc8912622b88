namespace NatLearning.Stun.Attributes;

/// <summary>
/// ADDITIONAL-ADDRESS-FAMILY (RFC 8656 §18.11): in an Allocate, ask for an IPv6 relayed address besides the IPv4 one
/// (dual stack). Only 0x02 (IPv6) is meaningful; 0x01 gets 400 (RFC 8656 §7.2 step 9).
/// </summary>
public sealed record AdditionalAddressFamily(byte Family) : StunAttribute
{
    public override StunAttributeType Type => StunAttributeType.AdditionalAddressFamily;
    public override byte[] EncodeValue(TransactionId transactionId) => [Family, 0, 0, 0];
    public override string Describe() => new RequestedAddressFamily(Family).Describe();

    internal static AdditionalAddressFamily Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset) =>
        new((byte)(AttributeValue.UInt32(value, offset, StunAttributeType.AdditionalAddressFamily) >> 24));
}
