using System.Net;

namespace NatLearning.Stun.Attributes;

/// <summary>OTHER-ADDRESS (RFC 5780 §7.4): the server's alternate address and port for behaviour tests.</summary>
public sealed record OtherAddress(IPEndPoint EndPoint) : AddressAttribute(EndPoint)
{
    public override StunAttributeType Type => StunAttributeType.OtherAddress;
    public override bool IsXored => false;

    internal static OtherAddress Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset) =>
        new(DecodeEndPoint(value, transactionId, offset, StunAttributeType.OtherAddress, false));
}
