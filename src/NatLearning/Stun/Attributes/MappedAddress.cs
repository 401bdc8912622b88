using System.Net;

namespace NatLearning.Stun.Attributes;

/// <summary>MAPPED-ADDRESS (RFC 8489 §14.1): the client's reflexive address, unXORed (kept for RFC 3489 servers).</summary>
public sealed record MappedAddress(IPEndPoint EndPoint) : AddressAttribute(EndPoint)
{
    public override StunAttributeType Type => StunAttributeType.MappedAddress;
    public override bool IsXored => false;

    internal static MappedAddress Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset) =>
        new(DecodeEndPoint(value, transactionId, offset, StunAttributeType.MappedAddress, false));
}
