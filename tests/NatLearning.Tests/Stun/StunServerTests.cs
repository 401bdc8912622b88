using System.Net;
using NatLearning.Protocols;
using NatLearning.Stun;
using NatLearning.Stun.Attributes;

namespace NatLearning.Tests.Stun;

public class StunServerTests
{
    [Fact]
    public void Server_answers_an_unknown_comprehension_required_attribute_with_420()
    {
        var server = new StunServer(new IPEndPoint(IPAddress.Parse("198.51.100.1"), 3478));
        var request = StunMessage.Request(StunMethod.Binding, new TransactionId(1, 2), new UnknownAttribute(0x7f01, [1, 2, 3, 4]));
        var client = new IPEndPoint(IPAddress.Parse("203.0.113.10"), 5000);
        server.HandleDatagram(TimeSpan.Zero, new Datagram(server.Primary, client, request.Encode()));
        Assert.True(server.TryPollTransmit(out var d));
        var response = StunMessage.Parse(d.Payload.Span);
        Assert.Equal(StunClass.ErrorResponse, response.Class);
        Assert.Equal(420, response.Get<ErrorCode>()!.Code);
        Assert.Equal([0x7f01], response.Get<UnknownAttributes>()!.Types);
        Assert.Equal(client, d.Remote);
    }

    [Theory]
    [InlineData(false, false, "198.51.100.1:3478")]
    [InlineData(true, false, "198.51.100.2:3478")]
    [InlineData(false, true, "198.51.100.1:3479")]
    [InlineData(true, true, "198.51.100.2:3479")]
    public void Server_honours_change_request_and_reports_response_origin(bool changeIp, bool changePort, string expectedFrom)
    {
        var server = new StunServer(new IPEndPoint(IPAddress.Parse("198.51.100.1"), 3478), new IPEndPoint(IPAddress.Parse("198.51.100.2"), 3479));
        var client = new IPEndPoint(IPAddress.Parse("203.0.113.10"), 5000);
        var request = StunMessage.Request(StunMethod.Binding, new TransactionId(3, 4), new ChangeRequest(changeIp, changePort));
        server.HandleDatagram(TimeSpan.Zero, new Datagram(server.Primary, client, request.Encode()));
        Assert.True(server.TryPollTransmit(out var d));
        var response = StunMessage.Parse(d.Payload.Span);
        Assert.Equal(expectedFrom, d.Local.ToString());
        Assert.Equal(d.Local, response.Get<ResponseOrigin>()!.EndPoint);
        Assert.Equal("198.51.100.2:3479", response.Get<OtherAddress>()!.EndPoint.ToString());
        Assert.Equal(client, response.MappedEndPoint);
        Assert.True(response.VerifyFingerprint());
    }

    [Fact]
    public void Server_drops_a_request_whose_fingerprint_is_wrong()
    {
        var server = new StunServer(new IPEndPoint(IPAddress.Parse("198.51.100.1"), 3478));
        var bytes = StunMessage.Request(StunMethod.Binding, new TransactionId(7, 8)).Encode(fingerprint: true);
        bytes[^1] ^= 1;
        server.HandleDatagram(TimeSpan.Zero, new Datagram(server.Primary, new IPEndPoint(IPAddress.Parse("203.0.113.10"), 5000), bytes));
        Assert.False(server.TryPollTransmit(out _));
        bytes[^1] ^= 1;
        server.HandleDatagram(TimeSpan.Zero, new Datagram(server.Primary, new IPEndPoint(IPAddress.Parse("203.0.113.10"), 5000), bytes));
        Assert.True(server.TryPollTransmit(out _));
    }
}
