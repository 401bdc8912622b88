using System.Net;

namespace NatLearning.Stun.Attributes;

/// <summary>XOR-MAPPED-ADDRESS (RFC 8489 §14.2): the client's reflexive address, XORed so that NATs rewriting addresses in payloads leave it alone.</summary>
public sealed record XorMappedAddress(IPEndPoint EndPoint) : AddressAttribute(EndPoint)
{
    public override StunAttributeType Type => StunAttributeType.XorMappedAddress;
    public override bool IsXored => true;

    internal static XorMappedAddress Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset) =>
        new(DecodeEndPoint(value, transactionId, offset, StunAttributeType.XorMappedAddress, true));
}
