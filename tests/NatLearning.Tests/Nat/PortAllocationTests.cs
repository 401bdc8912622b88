using NatLearning.Nat;
using NatLearning.Simulation;

namespace NatLearning.Tests.Nat;

public class PortAllocationTests
{
    private static List<System.Net.IPEndPoint> PublicEndpointsOfHosts(NatBehavior behavior, int hosts, long seed = 1, int insidePort = 5000)
    {
        var net = new Network(seed);
        var nat = net.AddNat("NAT", behavior, "49.36.10.25");
        var server = net.AddHost("Server", "1.1.1.1").Bind(3478);
        var seen = new List<System.Net.IPEndPoint>();
        for (var i = 0; i < hosts; i++)
        {
            var s = nat.AddHost($"H{i}", $"192.168.1.{10 + i}").Bind(insidePort);
            s.Send(server.LocalEndPoint, "x");
            net.RunUntilIdle();
            seen.Add(server.ReceiveAll().Single().Remote);
        }
        return seen;
    }

    [Fact]
    public void Port_preserving_keeps_the_inside_port_and_falls_back_when_taken()
    {
        var seen = PublicEndpointsOfHosts(NatBehavior.FullCone, 3);
        Assert.Equal(5000, seen[0].Port);
        Assert.NotEqual(5000, seen[1].Port);
        Assert.Equal(3, seen.Select(s => s.Port).Distinct().Count());
        Assert.All(seen, s => Assert.Equal("49.36.10.25", s.Address.ToString()));
    }

    [Fact]
    public void Sequential_hands_out_ports_in_order_from_the_first_port()
    {
        var seen = PublicEndpointsOfHosts(NatBehavior.FullCone with { PortAllocation = PortAllocation.Sequential, FirstPort = 62000 }, 3);
        Assert.Equal([62000, 62001, 62002], seen.Select(s => s.Port));
    }

    [Fact]
    public void Sequential_wraps_and_skips_ports_in_use_and_reports_exhaustion()
    {
        var behavior = NatBehavior.FullCone with { PortAllocation = PortAllocation.Sequential, FirstPort = 40000, LastPort = 40001 };
        var net = new Network();
        var nat = net.AddNat("NAT", behavior, "49.36.10.25");
        var server = net.AddHost("Server", "1.1.1.1").Bind(3478);
        for (var i = 0; i < 3; i++) nat.AddHost($"H{i}", $"192.168.1.{10 + i}").Bind(5000).Send(server.LocalEndPoint, "x");
        net.RunUntilIdle();
        Assert.Equal(2, server.ReceiveAll().Count);
        var drop = Assert.Single(net.Trace.Events, e => e.Kind == NatLearning.Tracing.TraceEventKind.Dropped);
        Assert.Equal(NatLearning.Tracing.DropReason.NoFreePort, drop.Reason);
    }

    [Fact]
    public void Random_allocation_is_seeded_distinct_and_in_range()
    {
        var behavior = NatBehavior.FullCone with { PortAllocation = PortAllocation.Random, FirstPort = 20000, LastPort = 60000 };
        var a = PublicEndpointsOfHosts(behavior, 20, seed: 5).Select(s => s.Port).ToList();
        var b = PublicEndpointsOfHosts(behavior, 20, seed: 5).Select(s => s.Port).ToList();
        var c = PublicEndpointsOfHosts(behavior, 20, seed: 6).Select(s => s.Port).ToList();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(20, a.Distinct().Count());
        Assert.All(a, p => Assert.InRange(p, 20000, 60000));
        Assert.DoesNotContain(5000, a);
    }

    [Fact]
    public void A_pool_of_public_addresses_pairs_each_inside_host_with_one_address()
    {
        var net = new Network();
        var nat = net.AddNat("NAT", NatBehavior.Symmetric, "49.36.10.25", morePublicAddresses: ["49.36.10.26"]);
        var s1 = net.AddHost("S1", "1.1.1.1").Bind(3478);
        var s2 = net.AddHost("S2", "2.2.2.2").Bind(3478);
        var h1 = nat.AddHost("H1", "192.168.1.10").Bind(5000);
        var h2 = nat.AddHost("H2", "192.168.1.11").Bind(5000);
        h1.Send(s1.LocalEndPoint, "a");
        h2.Send(s1.LocalEndPoint, "b");
        h1.Send(s2.LocalEndPoint, "c");
        net.RunUntilIdle();
        var atS1 = s1.ReceiveAll();
        var atS2 = s2.ReceiveAll().Single();
        Assert.Equal("49.36.10.25", atS1[0].Remote.Address.ToString());
        Assert.Equal("49.36.10.26", atS1[1].Remote.Address.ToString());
        Assert.Equal(atS1[0].Remote.Address, atS2.Remote.Address);    // RFC 4787 REQ-2: paired
        Assert.NotEqual(atS1[0].Remote.Port, atS2.Remote.Port);        // symmetric: a new mapping per destination
    }
}
