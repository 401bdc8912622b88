using System.Net;
using System.Text;
using NatLearning.Lab;
using NatLearning.Nat;
using NatLearning.Protocols;
using NatLearning.Simulation;
using NatLearning.Stun;
using NatLearning.Tracing;
using NatLearning.Turn;

namespace NatLearning.Tests.Turn;

/// <summary>Our client against our server inside the simulation, through NATs.</summary>
public class TurnClientTests
{
    private sealed class Stage
    {
        public required Network Net { get; init; }
        public required TurnServer Server { get; init; }
        public required TurnClient Client { get; init; }
        public required SimulatedDriver Driver { get; init; }
        public required UdpSocket Bob { get; init; }
        public required IPEndPoint BobPublic { get; init; }

        public List<TurnEvent> Events { get; } = [];

        public void Run(TimeSpan duration, Action<TurnClient, TimeSpan>? command = null)
        {
            command?.Invoke(Client, Net.Now);
            Driver.Pump();
            Net.RunFor(duration);
            while (((IProtocolMachine<TurnEvent>)Driver.Machine).TryPollEvent(out var e)) Events.Add(e);
        }
    }

    private static Stage Build(string password = "secret", NatBehavior? aliceNat = null, Func<TurnServerOptions, TurnServerOptions>? configure = null, Link? relayLink = null)
    {
        var net = new Network(3);
        var relay = net.AddHost("TURN server", "203.0.113.5", relayLink);
        var (server, _) = SimulatedTurn.Serve(relay, "natlearning.example", new Dictionary<string, string> { ["alice"] = "secret" }, configure: configure);
        Host alice = aliceNat is { } nat
            ? net.AddNat("Alice's router", nat, "49.36.10.25").AddHost("Alice", "192.168.1.10")
            : net.AddHost("Alice", "198.51.100.20");
        var (client, driver) = SimulatedTurn.Connect(alice, server.Listen, "alice", password);
        var bob = net.AddHost("Bob", "88.20.15.90").Bind(7000);
        return new Stage { Net = net, Server = server, Client = client, Driver = driver, Bob = bob, BobPublic = bob.LocalEndPoint };
    }

    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void Whole_flow_through_a_symmetric_nat_401_then_allocated_permission_send_channel_bind_channel_data()
    {
        var s = Build(aliceNat: NatBehavior.Symmetric);
        s.Run(Second, (c, now) => c.Allocate(now));
        Assert.Equal(TurnClientState.Allocated, s.Client.State);
        Assert.Equal([TurnEventKind.Challenged, TurnEventKind.Allocated], s.Events.Select(e => e.Kind));
        Assert.Equal("natlearning.example", s.Client.Realm);
        Assert.Equal(s.Server.Allocations.Single().Relayed, s.Client.RelayedAddress);
        Assert.Equal(IPAddress.Parse("49.36.10.25"), s.Client.MappedAddress!.Address);

        s.Run(Second, (c, now) => c.CreatePermission(now, s.BobPublic));
        Assert.Contains(s.Events, e => e.Kind == TurnEventKind.PermissionCreated);

        s.Run(Second, (c, now) => c.Send(now, s.BobPublic, "hi Bob"u8.ToArray()));
        var atBob = Assert.Single(s.Bob.ReceiveAll());
        Assert.Equal("hi Bob", atBob.Text);
        Assert.Equal(s.Client.RelayedAddress, atBob.Remote);
        Assert.Null(s.Client.ChannelFor(s.BobPublic));

        // Bob's reply is first contact: it arrives as a Data indication and the client binds channel 0x4000.
        s.Bob.Send(atBob.Remote, "hi Alice");
        s.Run(Second);
        var data = Assert.Single(s.Events, e => e.Kind == TurnEventKind.DataReceived);
        Assert.Equal("hi Alice", Encoding.UTF8.GetString(data.Data!));
        Assert.Equal(s.BobPublic, data.Peer);
        Assert.Equal((ushort)0x4000, s.Client.ChannelFor(s.BobPublic));

        s.Run(Second, (c, now) => c.Send(now, s.BobPublic, "over the channel"u8.ToArray()));
        Assert.Equal("over the channel", Assert.Single(s.Bob.ReceiveAll()).Text);
        s.Bob.Send(atBob.Remote, "channel back");
        s.Run(Second);
        Assert.Equal("channel back", Encoding.UTF8.GetString(s.Events.Last(e => e.Kind == TurnEventKind.DataReceived).Data!));

        var infos = s.Net.Trace.ToPacketList();
        Assert.Contains("Allocate Error Response error-code: 401", infos);
        Assert.Contains("CreatePermission Request", infos);
        Assert.Contains("Send Indication", infos);
        Assert.Contains("Data Indication", infos);
        Assert.Contains("ChannelBind Success Response", infos);
        Assert.Contains("ChannelData TURN Message channel 0x4000", infos);
        var traffic = s.Server.Allocations.Single().Traffic;
        Assert.Equal((2, 2), (traffic.PacketsToPeers, traffic.PacketsToClients));
    }

    [Fact]
    public void Wrong_password_fails_after_the_second_401()
    {
        var s = Build(password: "guess");
        s.Run(Second, (c, now) => c.Allocate(now));
        Assert.Equal(TurnClientState.Failed, s.Client.State);
        var failed = Assert.Single(s.Events, e => e.Kind == TurnEventKind.Failed);
        Assert.Contains("refused the password of \"alice\"", failed.Description);
        Assert.Empty(s.Server.Allocations);
        Assert.Contains(s.Net.Trace.Events, e => e.Kind == TraceEventKind.Note && e.Node == "TURN server" && e.Detail!.Contains("does not match the password"));
    }

    [Fact]
    public void Refreshes_keep_allocation_permission_and_channel_alive_for_twenty_minutes_behind_a_nat_with_keepalives()
    {
        var s = Build(aliceNat: NatBehavior.PortRestrictedCone);
        s.Client.KeepaliveInterval = TimeSpan.FromSeconds(25);
        s.Run(Second, (c, now) => c.Allocate(now));
        s.Run(Second, (c, now) => c.CreatePermission(now, s.BobPublic));
        s.Run(Second, (c, now) => c.BindChannel(now, s.BobPublic));
        s.Run(TimeSpan.FromMinutes(20));

        Assert.Equal(TurnClientState.Allocated, s.Client.State);
        var allocation = Assert.Single(s.Server.Allocations);
        Assert.True(allocation.Expires > s.Net.Now, "the server's allocation is still alive");
        Assert.True(s.Events.Count(e => e.Kind == TurnEventKind.Refreshed) >= 2, "refreshed at about 9 and 18 minutes");
        // The permission (300 s) and channel (600 s) were refreshed too, so Bob still gets through.
        s.Bob.Send(s.Client.RelayedAddress!, "still there?");
        s.Run(Second);
        Assert.Equal("still there?", Encoding.UTF8.GetString(s.Events.Last(e => e.Kind == TurnEventKind.DataReceived).Data!));
        Assert.Contains("ChannelData", s.Events.Last(e => e.Kind == TurnEventKind.DataReceived).Description);
    }

    [Fact]
    public void Run_until_idle_ends_while_an_allocation_lives_and_later_time_still_refreshes_it()
    {
        var s = Build(aliceNat: NatBehavior.PortRestrictedCone);
        s.Client.KeepaliveInterval = TimeSpan.FromSeconds(25);
        s.Client.Allocate(s.Net.Now);
        s.Driver.Pump();
        // Refresh and keepalive timers are background work, like a NAT's mapping timers: the request and its answers
        // are foreground, so idle comes as soon as the allocation is made, not never.
        s.Net.RunUntilIdle();
        Assert.Equal(TurnClientState.Allocated, s.Client.State);
        Assert.True(s.Net.Now < TimeSpan.FromSeconds(1), $"idle only at {s.Net.Now}");
        Assert.True(s.Net.Scheduler.Pending > 0, "the refresh timers are still waiting");
        s.Run(TimeSpan.FromMinutes(15));
        Assert.True(s.Events.Count(e => e.Kind == TurnEventKind.Refreshed) >= 1, "refreshed at about 9 minutes");
        Assert.True(Assert.Single(s.Server.Allocations).Expires > s.Net.Now);
    }

    [Fact]
    public void Without_keepalives_the_nat_forgets_the_mapping_and_the_next_refresh_meets_437_allocation_mismatch()
    {
        var s = Build(aliceNat: NatBehavior.Symmetric);
        s.Run(Second, (c, now) => c.Allocate(now));
        var first = s.Client.MappedAddress;
        s.Run(TimeSpan.FromMinutes(10));
        // The NAT dropped the idle mapping after 120 s; the refresh at 9 minutes left from a new public port,
        // a 5-tuple the server has no allocation for.
        Assert.Equal(TurnClientState.Failed, s.Client.State);
        var failed = Assert.Single(s.Events, e => e.Kind == TurnEventKind.Failed);
        Assert.Contains("437 Allocation Mismatch", failed.Description);
        Assert.Contains(s.Net.Trace.Events, e => e.Node == "TURN server" && e.Detail?.Contains($"has no allocation") == true && !e.Detail.Contains(first!.ToString()));
    }

    [Fact]
    public void Without_refreshes_the_server_expires_the_allocation_at_600_seconds()
    {
        var s = Build();
        s.Run(Second, (c, now) => c.Allocate(now));
        var allocation = s.Server.Allocations.Single();
        Assert.Equal(allocation.Created + TimeSpan.FromSeconds(600), allocation.Expires);
        s.Driver.Detach();   // the client goes silent: no refresh
        s.Net.RunFor(TimeSpan.FromSeconds(601));
        Assert.Empty(s.Server.Allocations);
        var note = Assert.Single(s.Net.Trace.Events, e => e.Kind == TraceEventKind.Note && e.Detail!.Contains("expired (not refreshed)"));
        Assert.Equal(allocation.Expires, note.Time);
    }

    [Fact]
    public void A_stale_nonce_is_answered_with_438_and_the_client_retries_with_the_new_one()
    {
        var s = Build(configure: o => o with { NonceLifetime = TimeSpan.FromMinutes(2) });
        s.Run(Second, (c, now) => c.Allocate(now));
        s.Run(TimeSpan.FromMinutes(3));
        s.Run(Second, (c, now) => c.Refresh(now));
        Assert.Contains(s.Events, e => e.Kind == TurnEventKind.Rejected && e.Description.Contains("438 Stale Nonce"));
        Assert.Contains(s.Events, e => e.Kind == TurnEventKind.Refreshed);
        Assert.Equal(TurnClientState.Allocated, s.Client.State);
    }

    [Fact]
    public void Release_deletes_the_allocation_on_the_server()
    {
        var s = Build();
        s.Run(Second, (c, now) => c.Allocate(now));
        s.Run(Second, (c, now) => c.Release(now));
        Assert.Equal(TurnClientState.Released, s.Client.State);
        Assert.Empty(s.Server.Allocations);
        Assert.Contains(s.Events, e => e.Kind == TurnEventKind.Deleted);
    }

    [Fact]
    public void Allocation_quota_486_fails_the_second_client()
    {
        var s = Build(configure: o => o with { UserQuota = 1 });
        s.Run(Second, (c, now) => c.Allocate(now));
        var alice2 = s.Net.AddHost("Alice's tablet", "198.51.100.21");
        var (second, driver) = SimulatedTurn.Connect(alice2, s.Server.Listen, "alice", "secret");
        second.Allocate(s.Net.Now);
        driver.Pump();
        s.Net.RunFor(Second);
        Assert.Equal(TurnClientState.Failed, second.State);
        Assert.True(((IProtocolMachine<TurnEvent>)driver.Machine).TryPollEvent(out _));
        Assert.Contains(s.Net.Trace.Events, e => e.Node == "Alice's tablet" && e.Detail?.Contains("486 Allocation Quota Reached") == true);
    }

    [Fact]
    public void The_simulated_server_refuses_a_loopback_peer_with_403_and_the_trace_says_why()
    {
        var s = Build();
        s.Run(Second, (c, now) => c.Allocate(now));
        s.Run(Second, (c, now) => c.CreatePermission(now, IPEndPoint.Parse("127.0.0.1:22")));
        Assert.Contains(s.Events, e => e.Kind == TurnEventKind.Rejected && e.Description.Contains("403 Forbidden"));
        Assert.Contains(s.Net.Trace.Events, e => e.Node == "TURN server" && e.Detail?.Contains("403 Forbidden, peer 127.0.0.1 is loopback (127.0.0.0/8)") == true);
        Assert.Empty(s.Server.Allocations.Single().Permissions);
        Assert.Equal(TurnClientState.Allocated, s.Client.State);   // a refused permission does not end the allocation
    }

    [Fact]
    public void Channel_number_out_of_range_is_refused_with_400_and_data_keeps_using_indications()
    {
        var s = Build();
        s.Run(Second, (c, now) => c.Allocate(now));
        s.Run(Second, (c, now) => c.BindChannel(now, s.BobPublic, 0x5000));
        Assert.Contains(s.Events, e => e.Kind == TurnEventKind.Rejected && e.Description.Contains("400 Bad Request"));
        Assert.Null(s.Client.ChannelFor(s.BobPublic));
    }

    [Fact]
    public void Data_from_a_peer_without_permission_never_reaches_the_client_and_the_trace_says_why()
    {
        var s = Build();
        s.Run(Second, (c, now) => c.Allocate(now));
        s.Bob.Send(s.Client.RelayedAddress!, "let me in");
        s.Run(Second);
        Assert.DoesNotContain(s.Events, e => e.Kind == TurnEventKind.DataReceived);
        var note = Assert.Single(s.Net.Trace.Events, e => e.Kind == TraceEventKind.Note && e.Detail!.Contains("dropped"));
        Assert.Equal("TURN server", note.Node);
        Assert.Contains("gave no permission for 88.20.15.90", note.Detail);
    }

    [Fact]
    public void A_silent_server_fails_the_allocation_after_the_rfc_8489_schedule()
    {
        var net = new Network(1);
        var silent = net.AddHost("Silent", "203.0.113.9");
        silent.Bind(3478);
        var (client, driver) = SimulatedTurn.Connect(net.AddHost("Alice", "198.51.100.20"), new IPEndPoint(silent.Address, 3478), "alice", "secret");
        client.Allocate(net.Now);
        driver.Pump();
        net.RunUntilIdle();
        Assert.Equal(TurnClientState.Failed, client.State);
        Assert.Equal(StunRetransmission.Rfc8489.GiveUpAfter, net.Now);
        Assert.Equal(7, net.Trace.WirePackets.Count(e => e.Node == "Alice"));
    }

    [Fact]
    public void Commands_before_an_allocation_say_what_to_do()
    {
        var client = new TurnClient(IPEndPoint.Parse("198.51.100.20:5000"), IPEndPoint.Parse("203.0.113.5:3478"), "alice", "secret", new SeededRandom(1));
        var e = Assert.Throws<InvalidOperationException>(() => client.Send(TimeSpan.Zero, IPEndPoint.Parse("88.20.15.90:7000"), new byte[1]));
        Assert.Contains("call Allocate", e.Message);
        Assert.Throws<ArgumentException>(() => new TurnClient(IPEndPoint.Parse("198.51.100.20:5000"), IPEndPoint.Parse("203.0.113.5:3478"), "", "x", new SeededRandom(1)));
    }
}
