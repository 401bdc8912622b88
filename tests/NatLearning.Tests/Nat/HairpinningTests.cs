using System.Net;
using NatLearning.Lab;
using NatLearning.Nat;
using NatLearning.Scenarios;
using NatLearning.Simulation;
using NatLearning.Tracing;

namespace NatLearning.Tests.Nat;

/// <summary>RFC 4787 §6 (REQ-9) and RFC 6888: two peers behind one NAT reach each other through their public mappings.</summary>
public class HairpinningTests
{
    [Fact]
    public void Rfc_compliant_presets_and_the_cgn_hairpin_and_the_cheap_home_router_does_not()
    {
        foreach (var b in new[] { NatBehavior.FullCone, NatBehavior.RestrictedCone, NatBehavior.PortRestrictedCone, NatBehavior.Symmetric, NatBehavior.OneToOneNat, NatBehavior.CarrierGrade })
            Assert.True(b.Hairpinning, b.ToString());
        Assert.True(new NatBehavior(MappingBehavior.EndpointIndependent, FilteringBehavior.AddressDependent).Hairpinning);   // REQ-9 is a MUST
        Assert.False(NatBehavior.CheapHomeRouter.Hairpinning);
        Assert.True(NatBehavior.CheapHomeRouter.MappingLifetime < NatBehavior.DefaultMappingLifetime);   // it breaks REQ-5 too
        Assert.Equal(NatBehavior.CheapHomeRouter, NatBehavior.FromName("cheap-home-router"));
        Assert.Equal(NatBehavior.CarrierGrade, global::NatLearning.Lab.PeerNat.CarrierGrade.Carrier);
    }

    /// <summary>Two peers behind one NAT learn their public mappings, then send to each other's, both ways.</summary>
    private static (IReadOnlyList<ReceivedDatagram> AtA, IReadOnlyList<ReceivedDatagram> AtB, IPEndPoint APublic, IPEndPoint BPublic, Network Net) TwoPeers(NatBehavior behavior)
    {
        var net = new Network(1);
        var nat = net.AddNat("NAT", behavior, "49.36.10.25");
        var a = nat.AddHost("A", "192.168.1.10").Bind(5000);
        var b = nat.AddHost("B", "192.168.1.11").Bind(6000);
        var (atA, atB, aPublic, bPublic) = MeetThroughPublicMappings(net, a, b);
        return (atA, atB, aPublic, bPublic, net);
    }

    /// <summary>
    /// Both learn their public mappings from a server, then each sends to the other's, then A once more: a filtering
    /// NAT admits a hairpinned packet only through a mapping that has sent to its (public) source, as with a hole punch.
    /// </summary>
    private static (IReadOnlyList<ReceivedDatagram> AtA, IReadOnlyList<ReceivedDatagram> AtB, IPEndPoint APublic, IPEndPoint BPublic) MeetThroughPublicMappings(Network net, UdpSocket a, UdpSocket b)
    {
        var server = net.AddHost("Server", "1.1.1.1").Bind(3478);
        a.Send(server.LocalEndPoint, "A");
        b.Send(server.LocalEndPoint, "B");
        net.RunUntilIdle();
        var seen = server.ReceiveAll();
        var aPublic = seen.Single(d => d.Text == "A").Remote;
        var bPublic = seen.Single(d => d.Text == "B").Remote;
        a.Send(bPublic, "1");
        b.Send(aPublic, "2");
        net.RunUntilIdle();
        a.Send(bPublic, "3");
        net.RunUntilIdle();
        return (a.ReceiveAll(), b.ReceiveAll(), aPublic, bPublic);
    }

    [Theory]
    [InlineData("full-cone")]
    [InlineData("restricted-cone")]
    [InlineData("port-restricted-cone")]
    public void Two_peers_behind_one_nat_reach_each_other_through_their_public_mappings(string preset)
    {
        var (atA, atB, aPublic, bPublic, _) = TwoPeers(NatBehavior.FromName(preset));
        // REQ-9 a): the hairpinned packet carries the sender's external address and port, never its LAN address.
        Assert.NotEmpty(atB);
        Assert.All(atB, d => Assert.Equal(aPublic, d.Remote));
        Assert.Contains(atB, d => d.Text == "3");
        Assert.All(atA, d => Assert.Equal(bPublic, d.Remote));
        Assert.Contains(atA, d => d.Text == "2");
    }

    [Fact]
    public void Without_hairpinning_every_packet_dies_at_the_nat_with_the_reason()
    {
        var (atA, atB, _, bPublic, net) = TwoPeers(NatBehavior.CheapHomeRouter);
        Assert.Empty(atA);
        Assert.Empty(atB);
        var drops = net.Trace.Events.Where(e => e.Kind == TraceEventKind.Dropped).ToList();
        Assert.Equal(3, drops.Count);
        Assert.All(drops, d => Assert.Equal(DropReason.HairpinOff, d.Reason));
        Assert.Contains($"NAT does not hairpin: 192.168.1.10 sent to the NAT's own public address {bPublic}", drops[0].Detail);
    }

    [Fact]
    public void Symmetric_nat_hairpins_but_its_per_destination_mapping_keeps_the_public_source_unknown_to_the_target()
    {
        var (atA, atB, _, _, net) = TwoPeers(NatBehavior.Symmetric);
        // A's packets to B get a new mapping (new public port) that B's row never sent to: filtered, not "hairpin off".
        Assert.Empty(atB);
        Assert.Empty(atA);
        Assert.All(net.Trace.Events.Where(e => e.Kind == TraceEventKind.Dropped), d => Assert.Equal(DropReason.FilteredByAddress, d.Reason));
    }

    [Fact]
    public void Two_subscribers_of_one_carrier_grade_nat_meet_through_its_public_address()
    {
        var net = new Network(1);
        var cgn = net.AddNat("CGN", NatBehavior.CarrierGrade, "49.36.10.25", "100.64.0.0/10");
        var a = cgn.AddNat("A's router", NatBehavior.FullCone, "100.64.0.2", "192.168.1.0/24").AddHost("A", "192.168.1.10").Bind(5000);
        var b = cgn.AddNat("B's router", NatBehavior.FullCone, "100.64.0.3", "192.168.1.0/24").AddHost("B", "192.168.1.10").Bind(6000);
        var (_, atB, aPublic, _) = MeetThroughPublicMappings(net, a, b);
        Assert.Contains(atB, d => d.Text == "3" && d.Remote.Equals(aPublic));
        Assert.Contains(net.Trace.Events, e => e.Node == "CGN" && e.Kind == TraceEventKind.Translated && e.Detail!.Contains("CGN hairpins", StringComparison.Ordinal));
    }

    [Fact]
    public void The_hairpin_scenario_connects_the_first_pair_and_names_the_drop_for_the_second()
    {
        var r = ScenarioCatalog.Get("hairpin").Run();
        var story = string.Join("\n", r.Story);
        Assert.Contains("Bob received 1 of Alice's 2 packets to 49.36.10.25:6000, from 49.36.10.25:5000", story);
        Assert.Contains("Dave received none of Carol's 2 packets", story);
        Assert.Single(r.Story, l => l.StartsWith("Dropped at Home router", StringComparison.Ordinal));   // each pair tells its own drops
        Assert.Contains("Dropped at Cheap router (HairpinOff), 2 packets: Cheap router does not hairpin: 192.168.0.20 sent to the NAT's own public address 88.20.15.90:6000", story);
    }
}
