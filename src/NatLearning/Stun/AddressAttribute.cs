using System.Net;

namespace NatLearning.Stun;

/// <summary>
/// An attribute whose value is a transport address (RFC 8489 §14.1). The XOR-* ones (§14.2) hide it from NATs
/// that rewrite addresses they find in payloads.
/// </summary>
public abstract record AddressAttribute(IPEndPoint EndPoint) : StunAttribute
{
    /// <summary>True for XOR-MAPPED-ADDRESS, XOR-PEER-ADDRESS and XOR-RELAYED-ADDRESS.</summary>
    public abstract bool IsXored { get; }

    public override byte[] EncodeValue(TransactionId transactionId) => StunAddress.Encode(EndPoint, IsXored ? transactionId : null);

    internal override int WriteValue(Span<byte> destination, TransactionId transactionId) =>
        StunAddress.Write(destination, EndPoint, IsXored ? transactionId : null);
    public override string Describe() => StunAddress.Format(EndPoint);

    private protected static IPEndPoint DecodeEndPoint(ReadOnlySpan<byte> value, TransactionId transactionId, int offset, StunAttributeType type, bool xored) =>
        StunAddress.Decode(value, xored ? transactionId : null, offset, type.Name());
}
