using System.Net;
using NatLearning.Protocols;
using NatLearning.Simulation;
using NatLearning.Stun;
using NatLearning.Stun.Attributes;
using NatLearning.Turn;

namespace NatLearning.Tests.Turn;

/// <summary>The server machine fed datagrams by hand: every RFC 8656 path, with no network in between.</summary>
public partial class TurnServerTests
{
    private static readonly IPEndPoint Listen = IPEndPoint.Parse("203.0.113.5:3478");
    private static readonly IPEndPoint Relay1 = IPEndPoint.Parse("203.0.113.5:49152");
    private static readonly IPEndPoint Relay2 = IPEndPoint.Parse("203.0.113.5:49153");
    private static readonly IPEndPoint Alice = IPEndPoint.Parse("49.36.10.25:62000");
    private static readonly IPEndPoint Bob = IPEndPoint.Parse("88.20.15.90:7000");
    private const string Realm = "natlearning.example";

    private readonly SeededRandom _random = new(5);
    private readonly TurnServer _server;
    // The nonce each client got: the server ties a nonce to the client it issued it to.
    private readonly Dictionary<IPEndPoint, string> _nonces = [];
    private string _nonce => _nonces.GetValueOrDefault(Alice, "");

    public TurnServerTests() => _server = NewServer();

    private static TurnServer NewServer(int quota = 10, TimeSpan? nonceLifetime = null, Func<TurnServerOptions, TurnServerOptions>? configure = null,
        IPEndPoint[]? relays = null)
    {
        var options = new TurnServerOptions
        {
            Realm = Realm,
            Users = new Dictionary<string, string> { ["alice"] = "secret", ["carol"] = "pw" },
            RelayEndPoints = relays ?? [Relay1, Relay2],
            UserQuota = quota,
            NonceLifetime = nonceLifetime ?? TimeSpan.FromHours(1),
        };
        return new(Listen, configure is null ? options : configure(options), new SeededRandom(9));
    }

    private static byte[] Key(string user = "alice", string password = "secret") => new LongTermCredential(user, Realm, password).Key;

    /// <summary>Sends a request; unless <paramref name="anonymous"/>, first fetches a nonce with a bare request like a real client.</summary>
    private StunMessage Ask(TurnServer server, TimeSpan now, IPEndPoint from, StunMethod method, StunAttribute[] attributes,
        string user = "alice", string password = "secret", bool anonymous = false, string? nonce = null)
    {
        if (!anonymous && nonce is null && !_nonces.ContainsKey(from))
        {
            var challenge = Single(server, now, from, StunMessage.Request(method, TransactionId.New(_random), attributes).Encode());
            _nonces[from] = challenge.Get<Nonce>()!.Value;
        }
        var list = attributes.ToList();
        byte[]? key = null;
        if (!anonymous)
        {
            list.AddRange([new Username(user), new Realm(Realm), new Nonce(nonce ?? _nonces[from])]);
            key = Key(user, password);
        }
        return Single(server, now, from, new StunMessage(method, StunClass.Request, TransactionId.New(_random), list).Encode(integrityKey: key));
    }

    private static StunMessage Single(TurnServer server, TimeSpan now, IPEndPoint from, byte[] bytes)
    {
        server.HandleDatagram(now, new Datagram(Listen, from, bytes));
        var sent = Drain(server);
        Assert.Single(sent);
        Assert.Equal(from, sent[0].Remote);
        return StunMessage.Parse(sent[0].Payload.Span);
    }

    internal static List<Datagram> Drain(IProtocolMachine server)
    {
        var list = new List<Datagram>();
        while (server.TryPollTransmit(out var d)) list.Add(d);
        return list;
    }

    internal static List<TurnEvent> Events(IProtocolMachine<TurnEvent> server)
    {
        var list = new List<TurnEvent>();
        while (server.TryPollEvent(out var e)) list.Add(e);
        return list;
    }

    private StunMessage Allocate(TurnServer server, TimeSpan now, IPEndPoint from, string user = "alice", string password = "secret") =>
        Ask(server, now, from, StunMethod.Allocate, [new RequestedTransport(RequestedTransport.Udp)], user, password);

    private static int Code(StunMessage m) => m.Get<ErrorCode>()?.Code ?? 0;

    [Fact]
    public void First_allocate_without_credentials_gets_401_with_realm_and_nonce()
    {
        var r = Ask(_server, TimeSpan.Zero, Alice, StunMethod.Allocate, [new RequestedTransport(RequestedTransport.Udp)], anonymous: true);
        Assert.Equal(StunClass.ErrorResponse, r.Class);
        Assert.Equal(401, Code(r));
        Assert.Equal(Realm, r.Get<Realm>()!.Value);
        Assert.False(string.IsNullOrEmpty(r.Get<Nonce>()!.Value));
        Assert.Empty(_server.Allocations);
        Assert.Contains(Events(_server), e => e.Kind == TurnEventKind.Challenged);
    }

    [Fact]
    public void Authenticated_allocate_returns_relayed_and_mapped_address_with_integrity()
    {
        var r = Allocate(_server, TimeSpan.Zero, Alice);
        Assert.Equal(StunClass.SuccessResponse, r.Class);
        Assert.Equal(Relay1, r.Get<XorRelayedAddress>()!.EndPoint);
        Assert.Equal(Alice, r.Get<XorMappedAddress>()!.EndPoint);
        Assert.Equal(600u, r.Get<Lifetime>()!.Seconds);
        Assert.True(r.VerifyMessageIntegrity(Key()));
        Assert.True(r.VerifyFingerprint());
        var a = Assert.Single(_server.Allocations);
        Assert.Equal(TimeSpan.FromSeconds(600), a.Expires);
    }

    [Fact]
    public void Wrong_password_gets_401_and_no_allocation()
    {
        var r = Allocate(_server, TimeSpan.Zero, Alice, password: "guess");
        Assert.Equal(401, Code(r));
        Assert.Empty(_server.Allocations);
        Assert.Contains(Events(_server), e => e.Kind == TurnEventKind.Rejected && e.Description.Contains("does not match the password"));
    }

    [Fact]
    public void Unknown_user_gets_401()
    {
        Assert.Equal(401, Code(Allocate(_server, TimeSpan.Zero, Alice, user: "mallory", password: "x")));
        Assert.Empty(_server.Allocations);
    }

    [Fact]
    public void Stale_nonce_gets_438_with_a_fresh_nonce_that_then_works()
    {
        var server = NewServer(nonceLifetime: TimeSpan.FromMinutes(5));
        Assert.Equal(StunClass.SuccessResponse, Allocate(server, TimeSpan.Zero, Alice).Class);
        var stale = Ask(server, TimeSpan.FromMinutes(6), Alice, StunMethod.Refresh, []);
        Assert.Equal(438, Code(stale));
        var fresh = stale.Get<Nonce>()!.Value;
        Assert.NotEqual(_nonce, fresh);
        var ok = Ask(server, TimeSpan.FromMinutes(6), Alice, StunMethod.Refresh, [], nonce: fresh);
        Assert.Equal(StunClass.SuccessResponse, ok.Class);
    }

    [Fact]
    public void Made_up_nonce_gets_438()
    {
        Assert.Equal(438, Code(Ask(_server, TimeSpan.Zero, Alice, StunMethod.Allocate, [new RequestedTransport(17)], nonce: "not-issued")));
    }

    [Fact]
    public void Allocation_quota_gives_486()
    {
        var server = NewServer(quota: 1);
        Assert.Equal(StunClass.SuccessResponse, Allocate(server, TimeSpan.Zero, Alice).Class);
        var second = Allocate(server, TimeSpan.Zero, IPEndPoint.Parse("49.36.10.25:62001"));
        Assert.Equal(486, Code(second));
        Assert.True(second.VerifyMessageIntegrity(Key()), "errors to authenticated requests carry MESSAGE-INTEGRITY");
        Assert.Single(server.Allocations);
        // Another user is not counted against alice's quota.
        Assert.Equal(StunClass.SuccessResponse, Allocate(server, TimeSpan.Zero, IPEndPoint.Parse("49.36.10.26:5000"), "carol", "pw").Class);
    }

    [Fact]
    public void No_free_relay_address_gives_508()
    {
        Allocate(_server, TimeSpan.Zero, Alice);
        Allocate(_server, TimeSpan.Zero, IPEndPoint.Parse("49.36.10.25:62001"));
        Assert.Equal(508, Code(Allocate(_server, TimeSpan.Zero, IPEndPoint.Parse("49.36.10.25:62002"))));
    }

    [Fact]
    public void Allocate_without_requested_transport_is_400_and_tcp_is_442()
    {
        Assert.Equal(400, Code(Ask(_server, TimeSpan.Zero, Alice, StunMethod.Allocate, [])));
        Assert.Equal(442, Code(Ask(_server, TimeSpan.Zero, Alice, StunMethod.Allocate, [new RequestedTransport(6)])));
    }

    [Fact]
    public void Second_allocate_on_the_same_five_tuple_is_437_but_a_retransmission_gets_the_same_answer()
    {
        Allocate(_server, TimeSpan.Zero, Alice);
        Assert.Equal(437, Code(Allocate(_server, TimeSpan.Zero, Alice)));

        var server = NewServer();
        var request = new StunMessage(StunMethod.Allocate, StunClass.Request, TransactionId.New(_random),
            [new RequestedTransport(17), new Username("alice"), new Realm(Realm), new Nonce(FetchNonce(server))]).Encode(integrityKey: Key());
        var first = Single(server, TimeSpan.Zero, Alice, request);
        var again = Single(server, TimeSpan.FromMilliseconds(500), Alice, request);
        Assert.Equal(StunClass.SuccessResponse, again.Class);
        Assert.Equal(first.Raw.ToArray(), again.Raw.ToArray());
    }

    private string FetchNonce(TurnServer server) =>
        Single(server, TimeSpan.Zero, Alice, StunMessage.Request(StunMethod.Allocate, TransactionId.New(_random)).Encode()).Get<Nonce>()!.Value;

    [Fact]
    public void Requested_lifetime_is_capped_at_the_maximum_and_raised_to_the_default()
    {
        var r = Ask(_server, TimeSpan.Zero, Alice, StunMethod.Allocate, [new RequestedTransport(17), new Lifetime(100_000)]);
        Assert.Equal(3600u, r.Get<Lifetime>()!.Seconds);
        var refresh = Ask(_server, TimeSpan.FromSeconds(10), Alice, StunMethod.Refresh, [new Lifetime(30)]);
        Assert.Equal(600u, refresh.Get<Lifetime>()!.Seconds);
        Assert.Equal(TimeSpan.FromSeconds(610), _server.Allocations.Single().Expires);
    }

    [Fact]
    public void Refresh_with_lifetime_zero_deletes_the_allocation_and_frees_the_relay_address()
    {
        Allocate(_server, TimeSpan.Zero, Alice);
        var r = Ask(_server, TimeSpan.FromSeconds(5), Alice, StunMethod.Refresh, [new Lifetime(0)]);
        Assert.Equal(StunClass.SuccessResponse, r.Class);
        Assert.Empty(_server.Allocations);
        Assert.Null(_server.AllocationAt(Relay1));
        Assert.Contains(Events(_server), e => e.Kind == TurnEventKind.Deleted);
        Assert.Equal(437, Code(Ask(_server, TimeSpan.FromSeconds(6), Alice, StunMethod.Refresh, [])));
        Assert.Equal(Relay1, Allocate(_server, TimeSpan.FromSeconds(7), Alice).Get<XorRelayedAddress>()!.EndPoint);
    }

    [Fact]
    public void Allocation_expires_after_its_lifetime_unless_refreshed()
    {
        Allocate(_server, TimeSpan.Zero, Alice);
        Assert.Equal(TimeSpan.FromSeconds(600), _server.NextTimeout());
        _server.HandleTimeout(TimeSpan.FromSeconds(599));
        Assert.Single(_server.Allocations);
        _server.HandleTimeout(TimeSpan.FromSeconds(600));
        Assert.Empty(_server.Allocations);
        Assert.Contains(Events(_server), e => e.Kind == TurnEventKind.Expired && e.Description.Contains("expired (not refreshed)"));
    }

    [Fact]
    public void Refresh_keeps_the_allocation_alive_past_its_first_lifetime()
    {
        Allocate(_server, TimeSpan.Zero, Alice);
        Ask(_server, TimeSpan.FromSeconds(540), Alice, StunMethod.Refresh, []);
        _server.HandleTimeout(TimeSpan.FromSeconds(700));
        Assert.Single(_server.Allocations);
    }

    [Fact]
    public void Data_from_a_peer_without_permission_is_dropped_with_the_reason()
    {
        Allocate(_server, TimeSpan.Zero, Alice);
        Events(_server);
        _server.HandleDatagram(TimeSpan.FromSeconds(1), new Datagram(Relay1, Bob, "hello?"u8.ToArray()));
        Assert.Empty(Drain(_server));
        var drop = Assert.Single(Events(_server));
        Assert.Equal(TurnEventKind.Dropped, drop.Kind);
        Assert.Contains("gave no permission for 88.20.15.90", drop.Description);
    }

    [Fact]
    public void Permission_lets_the_peer_in_as_a_data_indication_and_lasts_300_seconds()
    {
        Allocate(_server, TimeSpan.Zero, Alice);
        var ok = Ask(_server, TimeSpan.FromSeconds(1), Alice, StunMethod.CreatePermission, [new XorPeerAddress(Bob)]);
        Assert.Equal(StunClass.SuccessResponse, ok.Class);

        // Any port of the permitted IP may send (RFC 8656 §9: permissions are per IP address).
        var otherPort = IPEndPoint.Parse("88.20.15.90:7001");
        _server.HandleDatagram(TimeSpan.FromSeconds(2), new Datagram(Relay1, otherPort, "hi Alice"u8.ToArray()));
        var out1 = Assert.Single(Drain(_server));
        Assert.Equal(Listen, out1.Local);
        Assert.Equal(Alice, out1.Remote);
        var data = StunMessage.Parse(out1.Payload.Span);
        Assert.Equal((StunMethod.Data, StunClass.Indication), (data.Method, data.Class));
        Assert.Equal(otherPort, data.Get<XorPeerAddress>()!.EndPoint);
        Assert.Equal("hi Alice"u8.ToArray(), data.Get<Data>()!.Value);

        _server.HandleDatagram(TimeSpan.FromSeconds(301), new Datagram(Relay1, Bob, "late"u8.ToArray()));
        Assert.Empty(Drain(_server));
        Assert.Contains(Events(_server), e => e.Kind == TurnEventKind.Expired && e.Description.Contains("permission for 88.20.15.90"));
    }

    [Fact]
    public void Send_indication_goes_out_from_the_relayed_address_only_with_a_permission()
    {
        Allocate(_server, TimeSpan.Zero, Alice);
        var send = new StunMessage(StunMethod.Send, StunClass.Indication, TransactionId.New(_random), [new XorPeerAddress(Bob), new Data("hi Bob"u8.ToArray())]).Encode();
        _server.HandleDatagram(TimeSpan.FromSeconds(1), new Datagram(Listen, Alice, send));
        Assert.Empty(Drain(_server));
        Assert.Contains(Events(_server), e => e.Kind == TurnEventKind.Dropped && e.Description.Contains("has no permission"));

        Ask(_server, TimeSpan.FromSeconds(1), Alice, StunMethod.CreatePermission, [new XorPeerAddress(Bob)]);
        _server.HandleDatagram(TimeSpan.FromSeconds(2), new Datagram(Listen, Alice, send));
        var d = Assert.Single(Drain(_server));
        Assert.Equal((Relay1, Bob), (d.Local, d.Remote));
        Assert.Equal("hi Bob"u8.ToArray(), d.Payload.ToArray());
        var a = _server.Allocations.Single();
        Assert.Equal(1, a.Traffic.PacketsToPeers);
        Assert.Equal(6, a.Traffic.BytesToPeers);
        Assert.Equal(send.Length, a.Traffic.BytesFromClients);
    }

    [Fact]
    public void Create_permission_needs_a_peer_address_and_an_allocation()
    {
        Assert.Equal(437, Code(Ask(_server, TimeSpan.Zero, Alice, StunMethod.CreatePermission, [new XorPeerAddress(Bob)])));
        Allocate(_server, TimeSpan.Zero, Alice);
        Assert.Equal(400, Code(Ask(_server, TimeSpan.Zero, Alice, StunMethod.CreatePermission, [])));
    }

    [Fact]
    public void Another_users_credentials_on_an_allocation_get_441()
    {
        Allocate(_server, TimeSpan.Zero, Alice);
        Assert.Equal(441, Code(Ask(_server, TimeSpan.Zero, Alice, StunMethod.Refresh, [], "carol", "pw")));
    }

    [Theory]
    [InlineData(0x3FFF)]
    [InlineData(0x5000)]
    [InlineData(0x0001)]
    public void Channel_number_out_of_range_is_400(int number)
    {
        Allocate(_server, TimeSpan.Zero, Alice);
        var r = Ask(_server, TimeSpan.Zero, Alice, StunMethod.ChannelBind, [new ChannelNumber((ushort)number), new XorPeerAddress(Bob)]);
        Assert.Equal(400, Code(r));
        Assert.Empty(_server.Allocations.Single().Channels);
        Assert.Contains(Events(_server), e => e.Description.Contains("outside 0x4000–0x4FFF"));
    }

    [Fact]
    public void Channel_bound_to_one_peer_cannot_take_another_and_a_peer_cannot_take_two_channels()
    {
        Allocate(_server, TimeSpan.Zero, Alice);
        Assert.Equal(StunClass.SuccessResponse, Ask(_server, TimeSpan.Zero, Alice, StunMethod.ChannelBind, [new ChannelNumber(0x4000), new XorPeerAddress(Bob)]).Class);
        Assert.Equal(400, Code(Ask(_server, TimeSpan.Zero, Alice, StunMethod.ChannelBind, [new ChannelNumber(0x4000), new XorPeerAddress(IPEndPoint.Parse("88.20.15.90:7001"))])));
        Assert.Equal(400, Code(Ask(_server, TimeSpan.Zero, Alice, StunMethod.ChannelBind, [new ChannelNumber(0x4001), new XorPeerAddress(Bob)])));
        Assert.Equal(400, Code(Ask(_server, TimeSpan.Zero, Alice, StunMethod.ChannelBind, [new XorPeerAddress(Bob)])));
        // Re-binding the same pair refreshes it.
        Assert.Equal(StunClass.SuccessResponse, Ask(_server, TimeSpan.FromSeconds(100), Alice, StunMethod.ChannelBind, [new ChannelNumber(0x4000), new XorPeerAddress(Bob)]).Class);
        Assert.Equal(TimeSpan.FromSeconds(700), _server.Allocations.Single().Channels.Single().Expires);
    }

    [Fact]
    public void ChannelBind_installs_the_permission_and_data_then_flows_as_channel_data_both_ways()
    {
        Allocate(_server, TimeSpan.Zero, Alice);
        Ask(_server, TimeSpan.Zero, Alice, StunMethod.ChannelBind, [new ChannelNumber(0x4001), new XorPeerAddress(Bob)]);
        Assert.True(_server.Allocations.Single().HasPermission(Bob.Address, TimeSpan.FromSeconds(1)));

        _server.HandleDatagram(TimeSpan.FromSeconds(1), new Datagram(Listen, Alice, new ChannelData(0x4001, "abc"u8.ToArray()).Encode(pad: true)));
        var toBob = Assert.Single(Drain(_server));
        Assert.Equal((Relay1, Bob), (toBob.Local, toBob.Remote));
        Assert.Equal("abc"u8.ToArray(), toBob.Payload.ToArray());

        _server.HandleDatagram(TimeSpan.FromSeconds(1), new Datagram(Relay1, Bob, "hello"u8.ToArray()));
        var toAlice = Assert.Single(Drain(_server));
        Assert.Equal([0x40, 0x01, 0x00, 0x05, .. "hello"u8.ToArray()], toAlice.Payload.ToArray());
        Assert.Equal(1, _server.Traffic.PacketsToClients);
        Assert.Equal(9, _server.Traffic.BytesToClients);
    }

    [Fact]
    public void Channel_data_on_an_unbound_channel_is_dropped()
    {
        Allocate(_server, TimeSpan.Zero, Alice);
        Events(_server);
        _server.HandleDatagram(TimeSpan.FromSeconds(1), new Datagram(Listen, Alice, new ChannelData(0x4002, "x"u8.ToArray()).Encode()));
        Assert.Empty(Drain(_server));
        Assert.Contains(Events(_server), e => e.Kind == TurnEventKind.Dropped && e.Description.Contains("not bound"));
    }

    [Fact]
    public void Integrity_without_username_realm_and_nonce_is_400()
    {
        var r = Single(_server, TimeSpan.Zero, Alice,
            StunMessage.Request(StunMethod.Allocate, TransactionId.New(_random), new RequestedTransport(17)).Encode(integrityKey: Key()));
        Assert.Equal(400, Code(r));
    }

    [Fact]
    public void Unknown_comprehension_required_attribute_gets_420_after_authentication()
    {
        StunAttribute[] attributes = [new RequestedTransport(17), new UnknownAttribute(0x7777, [1, 2, 3, 4])];
        Assert.Equal(401, Code(Ask(_server, TimeSpan.Zero, Alice, StunMethod.Allocate, attributes, anonymous: true)));
        var r = Ask(_server, TimeSpan.Zero, Alice, StunMethod.Allocate, attributes);
        Assert.Equal(420, Code(r));
        Assert.Equal([(ushort)0x7777], r.Get<UnknownAttributes>()!.Types);
        Assert.Empty(_server.Allocations);
        // Comprehension-optional ones (0x8000 and up) are ignored.
        var optional = Ask(_server, TimeSpan.Zero, Alice, StunMethod.Allocate, [new RequestedTransport(17), new UnknownAttribute(0x8777, [1, 2, 3, 4])]);
        Assert.Equal(StunClass.SuccessResponse, optional.Class);
    }

    [Fact]
    public void Binding_request_is_answered_and_a_binding_indication_keepalive_is_silently_accepted()
    {
        var r = Single(_server, TimeSpan.Zero, Alice, StunMessage.Request(StunMethod.Binding, TransactionId.New(_random)).Encode());
        Assert.Equal(Alice, r.Get<XorMappedAddress>()!.EndPoint);
        _server.HandleDatagram(TimeSpan.Zero, new Datagram(Listen, Alice,
            new StunMessage(StunMethod.Binding, StunClass.Indication, TransactionId.New(_random)).Encode()));
        Assert.Empty(Drain(_server));
        Assert.DoesNotContain(Events(_server), e => e.Kind == TurnEventKind.Dropped);
    }

    [Fact]
    public void Server_options_are_checked_with_clear_messages()
    {
        var e = Assert.Throws<ArgumentException>(() => new TurnServer(Listen, new TurnServerOptions
        {
            Realm = Realm, Users = new Dictionary<string, string> { ["a"] = "b" }, RelayEndPoints = [],
        }, new SeededRandom(1)));
        Assert.Contains("at least one relay endpoint", e.Message);
        e = Assert.Throws<ArgumentException>(() => new TurnServer(Listen, new TurnServerOptions
        {
            Realm = Realm, Users = new Dictionary<string, string>(), RelayEndPoints = [Relay1],
        }, new SeededRandom(1)));
        Assert.Contains("at least one user", e.Message);
    }
}
