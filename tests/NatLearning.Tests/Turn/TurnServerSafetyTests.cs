using System.Net;
using NatLearning.Protocols;
using NatLearning.Simulation;
using NatLearning.Stun;
using NatLearning.Stun.Attributes;
using NatLearning.Turn;

namespace NatLearning.Tests.Turn;

/// <summary>
/// The server's safety rules fed by hand: the peer policy (RFC 8656 §9.2, §11.2, §21), quotas (§7.2 step 10), nonces
/// tied to their client, a bounded response cache, escaped client text, and the Allocate attributes of §7.2.
/// </summary>
public partial class TurnServerTests
{
    private StunMessage Permit(TurnServer server, TimeSpan now, params IPEndPoint[] peers) =>
        Ask(server, now, Alice, StunMethod.CreatePermission, [.. peers.Select(p => new XorPeerAddress(p))]);

    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.45.6.7", "loopback")]
    [InlineData("0.0.0.0", "this network")]
    [InlineData("0.1.2.3", "this network")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("240.0.0.1", "reserved")]
    [InlineData("169.254.1.1", "link-local")]
    public void CreatePermission_for_a_forbidden_peer_is_403_with_the_reason_in_the_trace(string ip, string reason)
    {
        Allocate(_server, TimeSpan.Zero, Alice);
        Events(_server);
        var r = Permit(_server, TimeSpan.FromSeconds(1), new IPEndPoint(IPAddress.Parse(ip), 9));
        Assert.Equal(ErrorCode.Forbidden, Code(r));
        Assert.True(r.VerifyMessageIntegrity(Key()));
        Assert.Empty(_server.Allocations.Single().Permissions);
        var e = Assert.Single(Events(_server));
        Assert.Equal(TurnEventKind.Rejected, e.Kind);
        Assert.Contains("403 Forbidden", e.Description);
        Assert.Contains(reason, e.Description);
    }

    [Theory]
    [InlineData("192.0.2.1")]
    [InlineData("198.51.100.20")]
    [InlineData("10.0.0.7")]          // private ranges stay allowed: a classroom LAN is private
    [InlineData("192.168.1.20")]
    [InlineData("203.0.113.5")]       // the server's own IP: permitted, so two clients may talk relay to relay
    public void CreatePermission_for_an_ordinary_or_private_peer_succeeds(string ip)
    {
        Allocate(_server, TimeSpan.Zero, Alice);
        Assert.Equal(StunClass.SuccessResponse, Permit(_server, TimeSpan.FromSeconds(1), new IPEndPoint(IPAddress.Parse(ip), 9)).Class);
    }

    [Fact]
    public void One_forbidden_peer_refuses_the_whole_CreatePermission()
    {
        Allocate(_server, TimeSpan.Zero, Alice);
        Assert.Equal(ErrorCode.Forbidden, Code(Permit(_server, TimeSpan.FromSeconds(1), Bob, IPEndPoint.Parse("127.0.0.1:53"))));
        Assert.Empty(_server.Allocations.Single().Permissions);   // RFC 8656 §9.2: all or none
    }

    [Fact]
    public void An_ipv4_mapped_ipv6_loopback_is_loopback()
    {
        Assert.NotNull(PeerPolicy.Default.Refuse(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.NotNull(PeerPolicy.Default.Refuse(IPAddress.IPv6Loopback));
        Assert.Null(PeerPolicy.Default.Refuse(IPAddress.Parse("2001:db8::1")));
    }

    [Fact]
    public void Allow_loopback_peers_lifts_only_the_loopback_rule()
    {
        var server = NewServer(configure: o => o with { Peers = new PeerPolicy { AllowLoopbackPeers = true } });
        Allocate(server, TimeSpan.Zero, Alice);
        Assert.Equal(StunClass.SuccessResponse, Permit(server, TimeSpan.FromSeconds(1), IPEndPoint.Parse("127.0.0.1:9")).Class);
        Assert.Equal(ErrorCode.Forbidden, Code(Permit(server, TimeSpan.FromSeconds(1), IPEndPoint.Parse("0.0.0.0:9"))));
        Assert.Equal(ErrorCode.Forbidden, Code(Permit(server, TimeSpan.FromSeconds(1), IPEndPoint.Parse("169.254.1.1:9"))));
    }

    [Fact]
    public void Denied_peer_ip_ranges_are_refused_and_allowed_peer_ip_wins_over_them_as_in_coturn()
    {
        var policy = new PeerPolicy
        {
            Denied = [PeerAddressRange.Parse("10.0.0.0-10.255.255.255"), PeerAddressRange.Parse("192.0.2.7")],
            Allowed = [PeerAddressRange.Parse("10.1.0.0/16"), PeerAddressRange.Parse("169.254.9.9"), PeerAddressRange.Parse("127.0.0.1")],
        };
        Assert.Contains("denied range 10.0.0.0-10.255.255.255", policy.Refuse(IPAddress.Parse("10.2.3.4")));
        Assert.Contains("denied range 192.0.2.7", policy.Refuse(IPAddress.Parse("192.0.2.7")));
        Assert.Null(policy.Refuse(IPAddress.Parse("192.0.2.8")));
        Assert.Null(policy.Refuse(IPAddress.Parse("10.1.200.3")));      // allowed beats denied
        Assert.Null(policy.Refuse(IPAddress.Parse("169.254.9.9")));     // and the default link-local rule
        Assert.NotNull(policy.Refuse(IPAddress.Parse("127.0.0.1")));    // but not loopback: only --allow-loopback-peers does that
        var server = NewServer(configure: o => o with { Peers = policy });
        Allocate(server, TimeSpan.Zero, Alice);
        Assert.Equal(ErrorCode.Forbidden, Code(Permit(server, TimeSpan.FromSeconds(1), IPEndPoint.Parse("10.9.9.9:1"))));
        Assert.Equal(StunClass.SuccessResponse, Permit(server, TimeSpan.FromSeconds(1), IPEndPoint.Parse("10.1.9.9:1")).Class);
    }

    [Theory]
    [InlineData("10.0.0.1-9.0.0.0")]
    [InlineData("10.0.0.1-::1")]
    [InlineData("nowhere")]
    [InlineData("10.0.0.0/33")]
    public void A_bad_peer_range_names_itself(string text) =>
        Assert.Contains($"'{text}'", Assert.Throws<FormatException>(() => PeerAddressRange.Parse(text)).Message);

    [Fact]
    public void ChannelBind_to_a_forbidden_peer_is_403()
    {
        Allocate(_server, TimeSpan.Zero, Alice);
        var r = Ask(_server, TimeSpan.FromSeconds(1), Alice, StunMethod.ChannelBind, [new ChannelNumber(0x4000), new XorPeerAddress(IPEndPoint.Parse("127.0.0.1:22"))]);
        Assert.Equal(ErrorCode.Forbidden, Code(r));
        Assert.Empty(_server.Allocations.Single().Channels);
    }

    [Fact]
    public void Send_to_a_forbidden_peer_is_dropped_and_traced_since_an_indication_gets_no_403()
    {
        Allocate(_server, TimeSpan.Zero, Alice);
        Events(_server);
        var send = new StunMessage(StunMethod.Send, StunClass.Indication, TransactionId.New(_random),
            [new XorPeerAddress(IPEndPoint.Parse("127.0.0.1:3478")), new Data("GET /"u8.ToArray())]).Encode();
        _server.HandleDatagram(TimeSpan.FromSeconds(1), new Datagram(Listen, Alice, send));
        Assert.Empty(Drain(_server));
        var e = Assert.Single(Events(_server));
        Assert.Equal(TurnEventKind.Dropped, e.Kind);
        Assert.Contains("forbidden peer", e.Description);
        Assert.Contains("loopback", e.Description);
    }

    [Fact]
    public void The_relay_sends_to_its_own_relayed_addresses_but_not_to_its_listening_socket_or_other_ports_of_its_host()
    {
        Allocate(_server, TimeSpan.Zero, Alice);
        Assert.Equal(StunClass.SuccessResponse, Permit(_server, TimeSpan.FromSeconds(1), Relay2).Class);
        Events(_server);
        foreach (var (to, relayed) in new[] { (Relay2, true), (Listen, false), (IPEndPoint.Parse("203.0.113.5:22"), false) })
        {
            var send = new StunMessage(StunMethod.Send, StunClass.Indication, TransactionId.New(_random),
                [new XorPeerAddress(to), new Data("x"u8.ToArray())]).Encode();
            _server.HandleDatagram(TimeSpan.FromSeconds(2), new Datagram(Listen, Alice, send));
            Assert.Equal(relayed ? 1 : 0, Drain(_server).Count);
        }
        var drops = Events(_server).Where(e => e.Kind == TurnEventKind.Dropped).Select(e => e.Description).ToList();
        Assert.Equal(2, drops.Count);
        Assert.Contains("listening socket", drops[0]);
        Assert.Contains("none of its relayed addresses", drops[1]);
    }

    [Fact]
    public void Total_quota_gives_508_and_the_user_quota_486()
    {
        var server = NewServer(quota: 0, configure: o => o with { TotalQuota = 1 });
        Assert.Equal(1, server.Capacity);
        Assert.Equal(StunClass.SuccessResponse, Allocate(server, TimeSpan.Zero, Alice).Class);
        Assert.Equal(ErrorCode.InsufficientCapacity, Code(Allocate(server, TimeSpan.Zero, IPEndPoint.Parse("49.36.10.26:5000"), "carol", "pw")));
        var perUser = NewServer(quota: 1);
        Allocate(perUser, TimeSpan.Zero, Alice);
        Assert.Equal(ErrorCode.AllocationQuotaReached, Code(Allocate(perUser, TimeSpan.Zero, IPEndPoint.Parse("49.36.10.25:1"))));
    }

    [Fact]
    public void Permissions_and_channels_per_allocation_are_bounded_with_508()
    {
        var server = NewServer(configure: o => o with { MaxPermissionsPerAllocation = 2, MaxChannelsPerAllocation = 1 });
        Allocate(server, TimeSpan.Zero, Alice);
        Assert.Equal(StunClass.SuccessResponse, Permit(server, TimeSpan.FromSeconds(1), IPEndPoint.Parse("192.0.2.1:1"), IPEndPoint.Parse("192.0.2.2:1")).Class);
        Assert.Equal(StunClass.SuccessResponse, Permit(server, TimeSpan.FromSeconds(2), IPEndPoint.Parse("192.0.2.1:1")).Class);   // a refresh is not a new one
        Assert.Equal(ErrorCode.InsufficientCapacity, Code(Permit(server, TimeSpan.FromSeconds(3), IPEndPoint.Parse("192.0.2.3:1"))));
        Assert.Equal(StunClass.SuccessResponse, Ask(server, TimeSpan.FromSeconds(4), Alice, StunMethod.ChannelBind,
            [new ChannelNumber(0x4000), new XorPeerAddress(IPEndPoint.Parse("192.0.2.1:1"))]).Class);
        Assert.Equal(ErrorCode.InsufficientCapacity, Code(Ask(server, TimeSpan.FromSeconds(5), Alice, StunMethod.ChannelBind,
            [new ChannelNumber(0x4001), new XorPeerAddress(IPEndPoint.Parse("192.0.2.2:1"))])));
        Assert.Equal(2, server.Allocations.Single().Permissions.Count);
    }

    [Fact]
    public void A_nonce_is_good_only_for_the_client_it_was_issued_to()
    {
        var nonce = FetchNonce(_server);   // issued to Alice
        var r = Ask(_server, TimeSpan.Zero, Bob, StunMethod.Allocate, [new RequestedTransport(17)], nonce: nonce);
        Assert.Equal(ErrorCode.StaleNonce, Code(r));
        Assert.Contains(Events(_server), e => e.Description.Contains("issued to another client"));
        Assert.Equal(StunClass.SuccessResponse, Ask(_server, TimeSpan.Zero, Alice, StunMethod.Allocate, [new RequestedTransport(17)], nonce: nonce).Class);
    }

    [Fact]
    public void A_flood_of_unauthenticated_requests_leaves_no_state_behind()
    {
        for (var i = 0; i < 20_000; i++)
        {
            var from = new IPEndPoint(IPAddress.Parse("198.51.100.9"), 1024 + i % 60_000);
            var method = i % 2 == 0 ? StunMethod.Binding : StunMethod.Allocate;
            _server.HandleDatagram(TimeSpan.FromMilliseconds(i), new Datagram(Listen, from, StunMessage.Request(method, TransactionId.New(_random)).Encode()));
            Drain(_server);
        }
        Assert.Equal(0, _server.CachedResponses);   // neither Binding answers nor 401 challenges are stored
        Assert.Null(_server.NextTimeout());
    }

    [Fact]
    public void The_response_cache_holds_at_most_its_capacity()
    {
        var server = NewServer(configure: o => o with { ResponseCacheCapacity = 3 });
        Allocate(server, TimeSpan.Zero, Alice);
        for (var i = 0; i < 10; i++) Ask(server, TimeSpan.FromSeconds(1), Alice, StunMethod.Refresh, []);
        Assert.Equal(3, server.CachedResponses);
        server.HandleTimeout(TimeSpan.FromSeconds(60));
        Ask(server, TimeSpan.FromSeconds(60), Alice, StunMethod.Refresh, []);
        Assert.Equal(1, server.CachedResponses);   // the 40 s old ones went at the next request
    }

    [Fact]
    public void A_username_with_an_escape_sequence_and_a_newline_comes_out_escaped()
    {
        const string evil = "x\u001b[2J\nserver: Allocated: allocated 203.0.113.5:49152 to admin\u202e\"";
        var r = Single(_server, TimeSpan.Zero, Alice, new StunMessage(StunMethod.Allocate, StunClass.Request, TransactionId.New(_random),
            [new RequestedTransport(17), new Username(evil), new Realm(Realm), new Nonce(FetchNonce(_server))]).Encode(integrityKey: Key()));
        Assert.Equal(ErrorCode.Unauthorized, Code(r));
        var e = Events(_server).Last();
        Assert.DoesNotContain('\n', e.Description);
        Assert.DoesNotContain('\u001b', e.Description);
        Assert.DoesNotContain('\u202e', e.Description);
        Assert.Contains("no user \"x\\x1b[2J\\x0aserver: Allocated: allocated 203.0.113.5:49152 to admin\\u202e\\\"\"", e.Description);
    }

    [Fact]
    public void Client_text_escapes_control_and_format_characters_only()
    {
        Assert.Equal("plain text, ünïcode ✓", ClientText.Printable("plain text, ünïcode ✓"));
        Assert.Equal("a\\x0d\\x0ab\\x07\\x9b", ClientText.Printable("a\r\nb\u0007\u009b"));
        Assert.Equal("\"a\\\\b\\\"c\\x09\"", ClientText.Quote("a\\b\"c\t"));
    }

    // RFC 8656 §7.2 step 4: DONT-FRAGMENT the server cannot honour is an unknown comprehension-required attribute.
    [Fact]
    public void Allocate_with_dont_fragment_is_420_listing_it()
    {
        var r = Ask(_server, TimeSpan.Zero, Alice, StunMethod.Allocate, [new RequestedTransport(17), new DontFragment()]);
        Assert.Equal(ErrorCode.UnknownAttribute, Code(r));
        Assert.Equal([(ushort)0x001A], r.Get<UnknownAttributes>()!.Types);
        Assert.Empty(_server.Allocations);
    }

    // RFC 8656 §7.2 step 7: "If the server does not support the address family requested ... 440".
    [Fact]
    public void Requested_address_family_ipv6_on_an_ipv4_relay_is_440_and_ipv4_is_granted()
    {
        Assert.Equal(ErrorCode.AddressFamilyNotSupported,
            Code(Ask(_server, TimeSpan.Zero, Alice, StunMethod.Allocate, [new RequestedTransport(17), new RequestedAddressFamily(RequestedAddressFamily.IPv6)])));
        Assert.Equal(StunClass.SuccessResponse,
            Ask(_server, TimeSpan.Zero, Alice, StunMethod.Allocate, [new RequestedTransport(17), new RequestedAddressFamily(RequestedAddressFamily.IPv4)]).Class);
        // RFC 8656 §7.3: a Refresh naming another family than the allocation's is 443.
        Assert.Equal(ErrorCode.PeerAddressFamilyMismatch,
            Code(Ask(_server, TimeSpan.FromSeconds(1), Alice, StunMethod.Refresh, [new RequestedAddressFamily(RequestedAddressFamily.IPv6)])));
    }

    // RFC 8656 §7.2 steps 6 and 9.
    [Fact]
    public void Additional_address_family_is_partly_met_with_address_error_code_and_its_misuses_are_400()
    {
        Assert.Equal(ErrorCode.BadRequest, Code(Ask(_server, TimeSpan.Zero, Alice, StunMethod.Allocate,
            [new RequestedTransport(17), new RequestedAddressFamily(1), new AdditionalAddressFamily(RequestedAddressFamily.IPv6)])));
        Assert.Equal(ErrorCode.BadRequest, Code(Ask(_server, TimeSpan.Zero, Alice, StunMethod.Allocate,
            [new RequestedTransport(17), new AdditionalAddressFamily(RequestedAddressFamily.IPv4)])));
        var r = Ask(_server, TimeSpan.Zero, Alice, StunMethod.Allocate, [new RequestedTransport(17), new AdditionalAddressFamily(RequestedAddressFamily.IPv6)]);
        Assert.Equal(StunClass.SuccessResponse, r.Class);
        Assert.Equal(Relay1, r.Get<XorRelayedAddress>()!.EndPoint);
        var partial = r.Get<AddressErrorCode>()!;
        Assert.Equal((RequestedAddressFamily.IPv6, ErrorCode.AddressFamilyNotSupported), (partial.Family, partial.Code));
    }

    private static readonly IPEndPoint[] FourRelays = [.. Enumerable.Range(49153, 4).Select(p => new IPEndPoint(IPAddress.Parse("203.0.113.5"), p))];

    // RFC 8656 §7.2: EVEN-PORT asks for an even port; with R the next one is reserved under a RESERVATION-TOKEN (§18.9).
    [Fact]
    public void Even_port_with_the_R_bit_reserves_the_next_port_for_the_token()
    {
        var server = NewServer(relays: FourRelays);   // 49153 (odd) is free but skipped
        var r = Ask(server, TimeSpan.Zero, Alice, StunMethod.Allocate, [new RequestedTransport(17), new EvenPort(true)]);
        Assert.Equal(49154, r.Get<XorRelayedAddress>()!.EndPoint.Port);
        var token = r.Get<ReservationToken>()!;
        var bob = IPEndPoint.Parse("49.36.10.25:62001");
        Assert.Equal(ErrorCode.BadRequest, Code(Ask(server, TimeSpan.FromSeconds(1), bob, StunMethod.Allocate, [new RequestedTransport(17), token, new EvenPort(false)])));
        var second = Ask(server, TimeSpan.FromSeconds(1), bob, StunMethod.Allocate, [new RequestedTransport(17), token]);
        Assert.Equal(49155, second.Get<XorRelayedAddress>()!.EndPoint.Port);
        // §7.2 step 5: a used (or unknown, or expired) token is 508.
        Assert.Equal(ErrorCode.InsufficientCapacity, Code(Ask(server, TimeSpan.FromSeconds(2), IPEndPoint.Parse("49.36.10.25:62002"), StunMethod.Allocate,
            [new RequestedTransport(17), token])));
        // A plain allocation takes the lowest free port, the odd one skipped above.
        Assert.Equal(49153, Ask(server, TimeSpan.FromSeconds(2), IPEndPoint.Parse("49.36.10.25:62003"), StunMethod.Allocate, [new RequestedTransport(17)])
            .Get<XorRelayedAddress>()!.EndPoint.Port);
    }

    [Fact]
    public void An_unused_reservation_expires_after_30_seconds_and_frees_its_port()
    {
        var server = NewServer(relays: FourRelays[1..3]);   // 49154 and 49155 only
        var token = Ask(server, TimeSpan.Zero, Alice, StunMethod.Allocate, [new RequestedTransport(17), new EvenPort(true)]).Get<ReservationToken>()!;
        var bob = IPEndPoint.Parse("49.36.10.25:62001");
        Assert.Equal(ErrorCode.InsufficientCapacity, Code(Ask(server, TimeSpan.FromSeconds(1), bob, StunMethod.Allocate, [new RequestedTransport(17)])));
        Assert.Equal(TurnServer.ReservationLifetime, server.NextTimeout());
        server.HandleTimeout(TurnServer.ReservationLifetime);
        Assert.Contains(Events(server), e => e.Kind == TurnEventKind.Expired && e.Description.Contains("expired unused"));
        Assert.Equal(ErrorCode.InsufficientCapacity, Code(Ask(server, TimeSpan.FromSeconds(31), IPEndPoint.Parse("49.36.10.25:62002"), StunMethod.Allocate,
            [new RequestedTransport(17), token])));
        Assert.Equal(49155, Ask(server, TimeSpan.FromSeconds(31), bob, StunMethod.Allocate, [new RequestedTransport(17)]).Get<XorRelayedAddress>()!.EndPoint.Port);
    }

    // RFC 8656 §7.2 step 8: R with ADDITIONAL-ADDRESS-FAMILY is 400; an R that cannot be met is 508.
    [Fact]
    public void Even_port_that_cannot_be_met_is_508_and_with_additional_family_400()
    {
        Assert.Equal(ErrorCode.BadRequest, Code(Ask(_server, TimeSpan.Zero, Alice, StunMethod.Allocate,
            [new RequestedTransport(17), new EvenPort(true), new AdditionalAddressFamily(RequestedAddressFamily.IPv6)])));
        var server = NewServer(relays: [FourRelays[1], FourRelays[3]]);   // 49154 and 49156: no odd port above an even one
        Assert.Equal(ErrorCode.InsufficientCapacity, Code(Ask(server, TimeSpan.Zero, Alice, StunMethod.Allocate, [new RequestedTransport(17), new EvenPort(true)])));
        Assert.Equal(49154, Ask(server, TimeSpan.Zero, Alice, StunMethod.Allocate, [new RequestedTransport(17), new EvenPort(false)]).Get<XorRelayedAddress>()!.EndPoint.Port);
    }

    [Fact]
    public void Ten_thousand_allocations_expire_in_order_without_scanning_them_all()
    {
        var relays = Enumerable.Range(0, 10_000).Select(i => new IPEndPoint(IPAddress.Parse("203.0.113.5"), 10_000 + i)).ToArray();
        var server = NewServer(quota: 0, relays: relays);
        for (var i = 0; i < relays.Length; i++)
            Ask(server, TimeSpan.FromMilliseconds(i), new IPEndPoint(IPAddress.Parse("49.36.10.25"), 1024 + i), StunMethod.Allocate, [new RequestedTransport(17)]);
        Assert.Equal(10_000, server.Allocations.Count);
        Assert.Equal(TimeSpan.FromSeconds(600), server.NextTimeout());
        server.HandleTimeout(TimeSpan.FromSeconds(605));
        Assert.Equal(4_999, server.Allocations.Count);   // the 5001 made at 0 to 5000 ms are gone
    }
}
