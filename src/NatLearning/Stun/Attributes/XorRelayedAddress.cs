using System.Net;

namespace NatLearning.Stun.Attributes;

/// <summary>XOR-RELAYED-ADDRESS (RFC 8656 §18.5): the relayed transport address the TURN server allocated.</summary>
public sealed record XorRelayedAddress(IPEndPoint EndPoint) : AddressAttribute(EndPoint)
{
    public override StunAttributeType Type => StunAttributeType.XorRelayedAddress;
    public override bool IsXored => true;

    internal static XorRelayedAddress Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset) =>
        new(DecodeEndPoint(value, transactionId, offset, StunAttributeType.XorRelayedAddress, true));
}
