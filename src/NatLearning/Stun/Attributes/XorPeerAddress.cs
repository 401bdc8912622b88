using System.Net;

namespace NatLearning.Stun.Attributes;

/// <summary>XOR-PEER-ADDRESS (RFC 8656 §18.3): a peer's address as seen from the TURN server.</summary>
public sealed record XorPeerAddress(IPEndPoint EndPoint) : AddressAttribute(EndPoint)
{
    public override StunAttributeType Type => StunAttributeType.XorPeerAddress;
    public override bool IsXored => true;

    internal static XorPeerAddress Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset) =>
        new(DecodeEndPoint(value, transactionId, offset, StunAttributeType.XorPeerAddress, true));
}
