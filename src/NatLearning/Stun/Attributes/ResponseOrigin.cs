using System.Net;

namespace NatLearning.Stun.Attributes;

/// <summary>RESPONSE-ORIGIN (RFC 5780 §7.3): the address and port the response was sent from.</summary>
public sealed record ResponseOrigin(IPEndPoint EndPoint) : AddressAttribute(EndPoint)
{
    public override StunAttributeType Type => StunAttributeType.ResponseOrigin;
    public override bool IsXored => false;

    internal static ResponseOrigin Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset) =>
        new(DecodeEndPoint(value, transactionId, offset, StunAttributeType.ResponseOrigin, false));
}
