using System.Net;
using NatLearning.Protocols;
using NatLearning.Simulation;
using NatLearning.Stun;
using NatLearning.Stun.Attributes;
using NatLearning.Turn;

namespace NatLearning.Tests.Turn;

/// <summary>RFC 8489 §9.2.5: once the client uses its credentials, a success response without valid MESSAGE-INTEGRITY is discarded.</summary>
public class TurnClientIntegrityTests
{
    private static readonly IPEndPoint Local = IPEndPoint.Parse("192.168.1.20:50000");
    private static readonly IPEndPoint Server = IPEndPoint.Parse("203.0.113.5:3478");
    private const string Realm = "natlearning.example";

    /// <summary>A client that sent its authenticated Allocate (after a hand-made 401); returns that request.</summary>
    private static (TurnClient Client, StunMessage Request) AuthenticatedAllocate()
    {
        var client = new TurnClient(Local, Server, "alice", "secret", new SeededRandom(3));
        client.Allocate(TimeSpan.Zero);
        var first = StunMessage.Parse(Sent(client).Single().Payload.Span);
        var challenge = first.ErrorResponse(ErrorCode.Unauthorized, new Realm(Realm), new Nonce("n0nce")).Encode(fingerprint: true);
        client.HandleDatagram(TimeSpan.FromMilliseconds(10), new Datagram(Local, Server, challenge));
        var request = StunMessage.Parse(Sent(client).Single().Payload.Span);
        Assert.NotNull(request.Get<MessageIntegrity>());
        Events(client);
        return (client, request);
    }

    private static List<Datagram> Sent(TurnClient c) => TurnServerTests.Drain(c);

    private static List<TurnEvent> Events(TurnClient c) => TurnServerTests.Events(c);

    private static byte[] Success(StunMessage request, byte[]? key) =>
        request.SuccessResponse(new XorRelayedAddress(IPEndPoint.Parse("203.0.113.5:49152")), new Lifetime(600), new XorMappedAddress(Local))
            .Encode(integrityKey: key, fingerprint: true);

    [Fact]
    public void A_success_response_without_message_integrity_is_refused_and_the_client_says_why()
    {
        var (client, request) = AuthenticatedAllocate();
        client.HandleDatagram(TimeSpan.FromMilliseconds(20), new Datagram(Local, Server, Success(request, key: null)));
        Assert.Equal(TurnClientState.Allocating, client.State);
        Assert.Null(client.RelayedAddress);
        var e = Assert.Single(Events(client));
        Assert.Equal(TurnEventKind.Dropped, e.Kind);
        Assert.Contains("has no MESSAGE-INTEGRITY", e.Description);
        // The real answer, still awaited, is taken.
        client.HandleDatagram(TimeSpan.FromMilliseconds(30), new Datagram(Local, Server, Success(request, new LongTermCredential("alice", Realm, "secret").Key)));
        Assert.Equal(TurnClientState.Allocated, client.State);
    }

    [Fact]
    public void A_success_response_with_a_wrong_message_integrity_is_refused_and_the_client_says_why()
    {
        var (client, request) = AuthenticatedAllocate();
        client.HandleDatagram(TimeSpan.FromMilliseconds(20), new Datagram(Local, Server, Success(request, new LongTermCredential("alice", Realm, "guess").Key)));
        Assert.Equal(TurnClientState.Allocating, client.State);
        var e = Assert.Single(Events(client));
        Assert.Equal(TurnEventKind.Dropped, e.Kind);
        Assert.Contains("does not match our key", e.Description);
        // It keeps retransmitting the request, as if the forged answer never came.
        client.HandleTimeout(TimeSpan.FromSeconds(1));
        Assert.Equal(request.TransactionId, StunMessage.Parse(Sent(client).Single().Payload.Span).TransactionId);
    }
}
