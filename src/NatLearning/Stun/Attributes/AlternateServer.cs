using System.Net;

namespace NatLearning.Stun.Attributes;

/// <summary>ALTERNATE-SERVER (RFC 8489 §14.15): try this server instead.</summary>
public sealed record AlternateServer(IPEndPoint EndPoint) : AddressAttribute(EndPoint)
{
    public override StunAttributeType Type => StunAttributeType.AlternateServer;
    public override bool IsXored => false;

    internal static AlternateServer Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset) =>
        new(DecodeEndPoint(value, transactionId, offset, StunAttributeType.AlternateServer, false));
}
