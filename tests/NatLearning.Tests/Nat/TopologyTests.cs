using System.Net;
using NatLearning.Addressing;
using NatLearning.Nat;
using NatLearning.Simulation;
using NatLearning.Tracing;

namespace NatLearning.Tests.Nat;

public class TopologyTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Hairpinning_delivers_with_the_senders_public_endpoint_or_drops(bool hairpinning)
    {
        var net = new Network();
        var nat = net.AddNat("NAT", NatBehavior.FullCone with { Hairpinning = hairpinning }, "49.36.10.25");
        var server = net.AddHost("Server", "1.1.1.1").Bind(3478);
        var a = nat.AddHost("A", "192.168.1.10").Bind(5000);
        var b = nat.AddHost("B", "192.168.1.11").Bind(6000);
        b.Send(server.LocalEndPoint, "open");
        net.RunUntilIdle();
        var bPublic = server.ReceiveAll().Single().Remote;

        a.Send(bPublic, "hello via the public address");
        net.RunUntilIdle();
        var got = b.ReceiveAll();
        if (hairpinning)
        {
            var d = Assert.Single(got);
            Assert.Equal(IPAddress.Parse("49.36.10.25"), d.Remote.Address);   // RFC 4787 REQ-9: external source
            Assert.Equal(5000, d.Remote.Port);
        }
        else
        {
            Assert.Empty(got);
            Assert.Equal(DropReason.HairpinOff, net.Trace.Events.Last(e => e.Kind == TraceEventKind.Dropped).Reason);
        }
    }

    [Fact]
    public void Double_nat_behind_a_carrier_grade_nat_translates_twice()
    {
        var net = new Network();
        var cgn = net.AddNat("CGN", NatBehavior.Symmetric, "49.36.10.25", "100.64.0.0/10");
        var home = cgn.AddNat("Home router", NatBehavior.PortRestrictedCone, "100.64.0.2", "192.168.1.0/24");
        var alice = home.AddHost("Alice", "192.168.1.10").Bind(5000);
        var server = net.AddHost("Server", "1.1.1.1").Bind(3478);
        server.Received += (s, d) => s.Send(d.Remote, "reply");

        alice.Send(server.LocalEndPoint, "hi");
        net.RunUntilIdle();

        Assert.Equal("reply", Assert.Single(alice.ReceiveAll()).Text);
        Assert.Equal(AddressKind.SharedCgn, Ipv4.Classify(home.Table.Entries.Single().InsideGlobal.Address));
        Assert.Equal("100.64.0.2:5000", cgn.Table.Entries.Single().InsideLocal.ToString());
        Assert.Equal("49.36.10.25", cgn.Table.Entries.Single().InsideGlobal.Address.ToString());
        Assert.Equal(4, net.Trace.Events.Count(e => e.Kind == TraceEventKind.Translated));
    }

    [Fact]
    public void A_stateful_firewall_translates_nothing_but_blocks_the_unexpected()
    {
        var net = new Network();
        var fw = net.AddNat("Firewall", NatBehavior.Firewall, "45.10.20.1", "45.10.20.0/24");
        var pc = fw.AddHost("PC", "45.10.20.30").Bind(5000);
        var server = net.AddHost("Server", "1.1.1.1").Bind(3478);
        var stranger = net.AddHost("Stranger", "2.2.2.2").Bind(6666);
        pc.Send(server.LocalEndPoint, "out");
        net.RunUntilIdle();
        Assert.Equal(pc.LocalEndPoint, server.ReceiveAll().Single().Remote);
        server.Send(pc.LocalEndPoint, "reply");
        stranger.Send(pc.LocalEndPoint, "unexpected");
        net.RunUntilIdle();
        Assert.Equal("reply", Assert.Single(pc.ReceiveAll()).Text);
        Assert.Equal(DropReason.FilteredByAddress, net.Trace.Events.Single(e => e.Kind == TraceEventKind.Dropped).Reason);
        Assert.Equal(2, net.Trace.Events.Count(e => e.Kind == TraceEventKind.Forwarded));
    }

    [Fact]
    public void A_firewall_that_blocks_outbound_udp_lets_nothing_out_and_so_nothing_back()
    {
        var net = new Network();
        var fw = net.AddNat("Firewall", NatBehavior.UdpBlockingFirewall, "45.10.20.1", "45.10.20.0/24");
        var pc = fw.AddHost("PC", "45.10.20.30").Bind(5000);
        var server = net.AddHost("Server", "1.1.1.1").Bind(3478);
        pc.Send(server.LocalEndPoint, "out");
        net.RunUntilIdle();
        Assert.Empty(server.ReceiveAll());
        var drop = net.Trace.Events.Single(e => e.Kind == TraceEventKind.Dropped);
        Assert.Equal(DropReason.OutboundBlocked, drop.Reason);
        Assert.Equal("Firewall", drop.Node);
        // Nothing went out, so no session admits an answer either.
        server.Send(pc.LocalEndPoint, "reply");
        net.RunUntilIdle();
        Assert.Empty(pc.ReceiveAll());
        Assert.Equal(DropReason.NoMapping, net.Trace.Events.Last(e => e.Kind == TraceEventKind.Dropped).Reason);
        Assert.Equal(NatBehavior.UdpBlockingFirewall, NatBehavior.FromName("udp-blocked"));
        Assert.Contains("blocks outbound UDP", NatBehavior.UdpBlockingFirewall.ClassicName);
    }

    [Fact]
    public void A_one_to_one_nat_keeps_ports_and_lets_unsolicited_packets_in()
    {
        var net = new Network();
        var nat = net.AddNat("1:1", NatBehavior.OneToOneNat, "49.36.10.25", morePublicAddresses: ["49.36.10.26"]);
        var h1 = nat.AddHost("H1", "192.168.1.10").Bind(5000);
        var h2 = nat.AddHost("H2", "192.168.1.11").Bind(5000);
        var stranger = net.AddHost("Stranger", "2.2.2.2").Bind(6666);
        stranger.Send("49.36.10.26:5000", "unsolicited");
        net.RunUntilIdle();
        Assert.Empty(h1.ReceiveAll());
        Assert.Equal("unsolicited", Assert.Single(h2.ReceiveAll()).Text);
        h1.Send(stranger.LocalEndPoint, "out");
        net.RunUntilIdle();
        Assert.Equal("49.36.10.25:5000", stranger.ReceiveAll().Single().Remote.ToString());
        Assert.Equal(2, nat.Table.Count);
        Assert.All(nat.Table.Entries, e => Assert.True(e.Static));
    }

    [Fact]
    public void A_private_address_on_the_internet_goes_nowhere_and_the_trace_says_why()
    {
        var r = NatLearning.Scenarios.ScenarioCatalog.Get("hidden-device").Run();
        var drop = r.Trace.Events.Single(e => e.Kind == TraceEventKind.Dropped);
        Assert.Equal(DropReason.NoRoute, drop.Reason);
        Assert.Equal("Internet", drop.Node);
        Assert.Contains("RFC 1918", drop.Detail);
        Assert.Equal(0, r.Network.Hosts.Single(h => h.Name == "Alice").Sockets.Single().ReceivedCount);
    }

    [Fact]
    public void Seeded_loss_drops_packets_reproducibly()
    {
        static int Delivered(long seed)
        {
            var net = new Network(seed);
            var a = net.AddHost("A", "1.1.1.1", Link.FromMilliseconds(5, loss: 0.3)).Bind(1);
            var b = net.AddHost("B", "2.2.2.2").Bind(2);
            for (var i = 0; i < 200; i++) a.Send(b.LocalEndPoint, "x");
            net.RunUntilIdle();
            Assert.Equal(200 - (int)b.ReceivedCount, net.Trace.Events.Count(e => e.Reason == DropReason.LinkLoss));
            return (int)b.ReceivedCount;
        }
        var first = Delivered(3);
        Assert.Equal(first, Delivered(3));
        Assert.InRange(first, 100, 180);     // about 70 % of 200
    }

    [Fact]
    public void Bad_topology_input_is_refused_with_a_message_that_names_it()
    {
        var net = new Network();
        Assert.Contains("RFC 1918", Assert.Throws<ArgumentException>(() => net.AddHost("X", "192.168.1.10")).Message);
        Assert.Contains("not an IPv4 address", Assert.Throws<ArgumentException>(() => net.AddHost("X", "1.2.3")).Message);
        var nat = net.AddNat("NAT", NatBehavior.FullCone, "49.36.10.25");
        Assert.Contains("outside this LAN", Assert.Throws<ArgumentException>(() => nat.AddHost("Y", "10.0.0.5")).Message);
        nat.AddHost("Y", "192.168.1.10");
        Assert.Contains("already used", Assert.Throws<ArgumentException>(() => nat.AddHost("Z", "192.168.1.10")).Message);
        Assert.Contains("already exists", Assert.Throws<ArgumentException>(() => net.AddHost("NAT", "5.5.5.5")).Message);
        Assert.Contains("No node is called", Assert.Throws<KeyNotFoundException>(() => net["nobody"]).Message);
    }

    [Fact]
    public void Sending_to_a_closed_port_is_dropped_as_port_unreachable()
    {
        var net = new Network();
        var a = net.AddHost("A", "1.1.1.1").Bind(1);
        net.AddHost("B", "2.2.2.2");
        a.Send("2.2.2.2:9999", "anyone?");
        net.RunUntilIdle();
        Assert.Equal(DropReason.PortUnreachable, net.Trace.Events.Single(e => e.Kind == TraceEventKind.Dropped).Reason);
    }
}
