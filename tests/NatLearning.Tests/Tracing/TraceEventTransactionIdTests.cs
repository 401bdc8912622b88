using System.Net;
using NatLearning.Packets;
using NatLearning.Stun;
using NatLearning.Tracing;

namespace NatLearning.Tests.Tracing;

/// <summary>The one place a traced packet's STUN transaction id is read: <see cref="TraceEvent.TransactionId"/> on <see cref="StunMessage.TryReadTransactionId"/>.</summary>
public class TraceEventTransactionIdTests
{
    private static readonly TransactionId Id = TransactionId.Parse("b7e7a701bc34d686fa87dfae");
    private static readonly IPEndPoint Alice = IPEndPoint.Parse("203.0.113.10:5000"), Server = IPEndPoint.Parse("198.51.100.1:3478");

    private static TraceEvent Sent(ReadOnlySpan<byte> udpPayload) => new()
    {
        Number = 1, Time = TimeSpan.Zero, Kind = TraceEventKind.Sent, Node = "Alice",
        Bytes = Packet.Create(1, Alice, Server, udpPayload, identification: 1).ToArray(),
    };

    [Fact]
    public void A_stun_payload_gives_its_header_without_parsing_the_attributes()
    {
        var bytes = StunMessage.Request(StunMethod.Binding, Id).Encode(fingerprint: true);
        Assert.True(StunMessage.TryReadTransactionId(bytes, out var id));
        Assert.Equal(Id, id);
        Assert.True(StunMessage.TryReadHeader(bytes, out var method, out var stunClass, out _));
        Assert.Equal((StunMethod.Binding, StunClass.Request), (method, stunClass));
    }

    [Fact]
    public void A_payload_that_is_not_stun_has_no_transaction_id()
    {
        Assert.False(StunMessage.TryReadTransactionId("hello, Bob"u8, out _));
        Assert.False(StunMessage.TryReadTransactionId([], out _));
    }

    [Fact]
    public void A_traced_stun_packet_names_its_transaction_id_and_other_events_none()
    {
        var stun = Sent(new StunMessage(StunMethod.Binding, StunClass.SuccessResponse, Id).Encode(fingerprint: true));
        Assert.Equal(Id, stun.TransactionId);
        Assert.True(stun.TryReadStunHeader(out _, out var stunClass, out _));
        Assert.Equal(StunClass.SuccessResponse, stunClass);

        Assert.Null(Sent("not STUN"u8).TransactionId);
        Assert.Null(new TraceEvent { Number = 2, Time = TimeSpan.Zero, Kind = TraceEventKind.Note, Node = "Alice" }.TransactionId);
    }
}
