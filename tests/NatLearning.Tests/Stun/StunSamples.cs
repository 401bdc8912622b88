using System.Net;
using NatLearning.Stun;
using NatLearning.Stun.Attributes;

namespace NatLearning.Tests.Stun;

/// <summary>One instance of every attribute type the codec knows, plus an unknown one.</summary>
internal static class StunSamples
{
    private static readonly IPEndPoint V4 = new(IPAddress.Parse("203.0.113.7"), 40000);
    private static readonly IPEndPoint V6 = new(IPAddress.Parse("2001:db8::1"), 3478);

    public static IReadOnlyList<StunAttribute> AllAttributes() =>
    [
        new MappedAddress(V4), new MappedAddress(V6), new XorMappedAddress(V4), new XorMappedAddress(V6),
        new Username("alice"), UserHash.For("alice", "example.org"),
        new ErrorCode(420), new ErrorCode(438, "Stale Nonce"), new UnknownAttributes([0x7f01, 0x0002]),
        new Realm("example.org"), new Nonce("abc123"), new PasswordAlgorithm(PasswordAlgorithm.Sha256),
        new PasswordAlgorithms([new PasswordAlgorithm(PasswordAlgorithm.Md5), new PasswordAlgorithm(PasswordAlgorithm.Sha256, [1, 2, 3])]),
        new Software("natlearn test"), new AlternateServer(V4), new ChangeRequest(true, false), new ChangeRequest(false, true),
        new ResponseOrigin(V4), new OtherAddress(V6), new ResponsePort(5000), new Padding(7),
        new Priority(0x6e0001ff), new UseCandidate(), new IceControlled(0x932ff9b151263b36), new IceControlling(42),
        new ChannelNumber(0x4001), new Lifetime(600), new XorPeerAddress(V4), new XorPeerAddress(V6), new Data([1, 2, 3, 4, 5]),
        new XorRelayedAddress(V4), new RequestedTransport(RequestedTransport.Udp), new DontFragment(), new EvenPort(true),
        new ReservationToken(0x0102030405060708), new RequestedAddressFamily(RequestedAddressFamily.IPv6),
        new UnknownAttribute(0xC001, [9, 8, 7]),
    ];

    /// <summary>Well-formed messages to mutate in the fuzz test: the RFC 5769 vectors and one per attribute.</summary>
    public static IReadOnlyList<byte[]> Seeds()
    {
        var tid = TransactionId.Parse(Rfc5769Vectors.TransactionIdHex);
        var list = new List<byte[]> { Rfc5769Vectors.Request, Rfc5769Vectors.Ipv4Response, Rfc5769Vectors.Ipv6Response, Rfc5769Vectors.LongTermRequest };
        foreach (var a in AllAttributes())
            list.Add(StunMessage.Request(StunMethod.Allocate, tid, a).Encode([1, 2, 3], fingerprint: true));
        list.Add(new StunMessage(StunMethod.Binding, StunClass.SuccessResponse, tid, AllAttributes()).Encode());
        return list;
    }
}
