using System.Net;
using System.Reflection;
using NatLearning.Addressing;
using NatLearning.Nat;
using NatLearning.Simulation;

namespace NatLearning.Tests.Nat;

/// <summary>
/// The NAT's decisions on their own: a <see cref="NatTranslator"/> is handed 5-tuples and times, with no network, and
/// these tests check its verdicts (pass or drop, why, the tuple a packet leaves with) and the table changes it reports.
/// </summary>
public class NatTranslatorTests
{
    private static readonly uint Public = Ip("49.36.10.25");
    private static readonly (uint Ip, ushort Port) Alice = (Ip("192.168.1.10"), 5000);
    private static readonly (uint Ip, ushort Port) Bob = (Ip("192.168.1.11"), 6000);
    private static readonly (uint Ip, ushort Port) S1 = (Ip("1.1.1.1"), 3478);
    private static readonly (uint Ip, ushort Port) S1OtherPort = (Ip("1.1.1.1"), 4000);
    private static readonly (uint Ip, ushort Port) S2 = (Ip("2.2.2.2"), 3478);
    private static readonly TimeSpan T0 = TimeSpan.Zero;

    private static uint Ip(string text) => Ipv4.ToUInt32(IPAddress.Parse(text));

    private static NatTranslator Nat(NatBehavior behavior, long seed = 1, params string[] pool) =>
        new(behavior, pool.Length == 0 ? [Public] : pool.Select(Ip).ToList(), new SeededRandom(seed).Next);

    private static UdpFlow Flow((uint Ip, ushort Port) from, (uint Ip, ushort Port) to) => new(from.Ip, from.Port, to.Ip, to.Port);

    /// <summary>The public endpoint an outbound packet leaves with; asserts that it passed.</summary>
    private static (uint Ip, ushort Port) Out(NatTranslator nat, (uint Ip, ushort Port) from, (uint Ip, ushort Port) to, TimeSpan? at = null)
    {
        var v = nat.FromInside(Flow(from, to), at ?? T0);
        Assert.True(v.Passes, v.ToString());
        Assert.Equal(NatDirection.Outbound, v.Direction);
        Assert.Equal((to.Ip, to.Port), (v.Flow.DestinationIp, v.Flow.DestinationPort));   // outbound, only the source changes
        return (v.Flow.SourceIp, v.Flow.SourcePort);
    }

    private static NatVerdict In(NatTranslator nat, (uint Ip, ushort Port) from, (uint Ip, ushort Port) to, TimeSpan? at = null) =>
        nat.FromOutside(Flow(from, to), at ?? T0);

    private static List<NatTableChange> Changes(NatTranslator nat)
    {
        var list = new List<NatTableChange>();
        while (nat.TryPollChange(out var c)) list.Add(c);
        return list;
    }

    // RFC 4787 §4.1: which destinations share X:x's mapping.
    [Theory]
    [InlineData(MappingBehavior.EndpointIndependent, true, true)]
    [InlineData(MappingBehavior.AddressDependent, true, false)]
    [InlineData(MappingBehavior.AddressAndPortDependent, false, false)]
    public void Each_mapping_behaviour_reuses_the_mapping_for_the_destinations_it_should(MappingBehavior mapping, bool samePortOtherPort, bool sameOtherAddress)
    {
        var nat = Nat(new NatBehavior(mapping, FilteringBehavior.EndpointIndependent) { PortAllocation = PortAllocation.Sequential, FirstPort = 62000 });
        var toS1 = Out(nat, Alice, S1);
        var toS1OtherPort = Out(nat, Alice, S1OtherPort);
        var toS2 = Out(nat, Alice, S2);

        Assert.Equal(Public, toS1.Ip);
        Assert.Equal((ushort)62000, toS1.Port);
        Assert.Equal(samePortOtherPort, toS1 == toS1OtherPort);
        Assert.Equal(sameOtherAddress, toS1 == toS2);
        var expectedRows = 1 + (samePortOtherPort ? 0 : 1) + (sameOtherAddress ? 0 : 1);
        Assert.Equal(expectedRows, nat.MappingCount);
        Assert.Equal(expectedRows, Changes(nat).Count(c => c.Kind == NatTableChangeKind.MappingCreated));
    }

    // RFC 4787 §5: after Alice sent to S1 only, who may answer.
    [Theory]
    [InlineData(FilteringBehavior.EndpointIndependent, nameof(NatDropReason.None), nameof(NatDropReason.None))]
    [InlineData(FilteringBehavior.AddressDependent, nameof(NatDropReason.None), nameof(NatDropReason.FilteredByAddress))]
    [InlineData(FilteringBehavior.AddressAndPortDependent, nameof(NatDropReason.FilteredByPort), nameof(NatDropReason.FilteredByAddress))]
    // The reasons come as names: NatDropReason is internal, and a public test method cannot take it.
    public void Each_filtering_behaviour_admits_whom_it_should(FilteringBehavior filtering, string fromS1OtherPortName, string fromS2Name)
    {
        var (fromS1OtherPort, fromS2) = (Enum.Parse<NatDropReason>(fromS1OtherPortName), Enum.Parse<NatDropReason>(fromS2Name));
        var nat = Nat(new NatBehavior(MappingBehavior.EndpointIndependent, filtering));
        var pub = Out(nat, Alice, S1);

        var reply = In(nat, S1, pub);
        Assert.True(reply.Passes);
        Assert.Equal(NatDirection.Inbound, reply.Direction);
        Assert.Equal(new UdpFlow(S1.Ip, S1.Port, Alice.Ip, Alice.Port), reply.Flow);   // inbound, only the destination changes
        Assert.Same(reply.Mapping, reply.Hit);

        var other = In(nat, S1OtherPort, pub);
        Assert.Equal(fromS1OtherPort, other.Drop);
        var stranger = In(nat, S2, pub);
        Assert.Equal(fromS2, stranger.Drop);
        if (!stranger.Passes)
        {
            Assert.Equal(Flow(S2, pub), stranger.Flow);   // a drop keeps the tuple it came with
            Assert.NotNull(stranger.Hit);
        }
    }

    [Fact]
    public void A_packet_for_a_port_nobody_mapped_is_dropped_as_unmapped()
    {
        var nat = Nat(NatBehavior.FullCone);
        var v = In(nat, S1, (Public, 40000));
        Assert.Equal(NatDropReason.NoMapping, v.Drop);
        Assert.Null(v.Mapping);
        Assert.Empty(Changes(nat));
    }

    // RFC 4787 §4.2.1: port preservation when the port is free, else the next free one.
    [Fact]
    public void Port_preservation_keeps_the_inside_port_until_another_host_holds_it()
    {
        var nat = Nat(NatBehavior.FullCone);
        Assert.Equal((Public, Alice.Port), Out(nat, Alice, S1));
        var carol = (Ip("192.168.1.12"), Alice.Port);
        Assert.Equal((Public, (ushort)NatBehavior.FullCone.FirstPort), Out(nat, carol, S1));   // 5000 is Alice's: the first free one
    }

    [Fact]
    public void Sequential_allocation_hands_out_ports_in_order_from_the_first()
    {
        var nat = Nat(NatBehavior.Symmetric with { FirstPort = 62000 });
        Assert.Equal((ushort)62000, Out(nat, Alice, S1).Port);
        Assert.Equal((ushort)62001, Out(nat, Alice, S2).Port);
        Assert.Equal((ushort)62002, Out(nat, Bob, S1).Port);
    }

    [Fact]
    public void Random_allocation_draws_from_the_range_and_the_seed_fixes_the_draw()
    {
        var behavior = NatBehavior.Symmetric with { PortAllocation = PortAllocation.Random, FirstPort = 20000, LastPort = 29999 };
        var ports = Enumerable.Range(0, 20).Select(i => Out(Nat(behavior, seed: 7), Alice, (S1.Ip, (ushort)(3000 + i))).Port).ToList();
        Assert.All(ports, p => Assert.InRange(p, 20000, 29999));
        var a = Nat(behavior, seed: 7);
        var b = Nat(behavior, seed: 7);
        var drawnA = Enumerable.Range(0, 20).Select(i => Out(a, Alice, (S1.Ip, (ushort)(3000 + i))).Port).ToList();
        var drawnB = Enumerable.Range(0, 20).Select(i => Out(b, Alice, (S1.Ip, (ushort)(3000 + i))).Port).ToList();
        Assert.Equal(drawnA, drawnB);
        Assert.Equal(20, drawnA.Distinct().Count());                      // each flow got a port of its own
        Assert.NotEqual(Enumerable.Range(20000, 20).Select(p => (ushort)p), drawnA);   // not sequential
    }

    [Fact]
    public void A_full_port_range_drops_the_new_flow_and_names_the_public_address()
    {
        var nat = Nat(NatBehavior.Symmetric with { FirstPort = 40000, LastPort = 40001 });
        Out(nat, Alice, S1);
        Out(nat, Alice, S2);
        var v = nat.FromInside(Flow(Alice, S1OtherPort), T0);
        Assert.Equal(NatDropReason.NoFreePort, v.Drop);
        Assert.Equal(Public, v.PublicIp);
        Assert.Null(v.Mapping);
        Assert.Equal(2, nat.MappingCount);
    }

    // RFC 4787 REQ-2: paired pooling.
    [Fact]
    public void With_several_public_addresses_each_host_always_gets_the_same_one()
    {
        var nat = Nat(NatBehavior.Symmetric, 1, "49.36.10.25", "49.36.10.26");
        var aliceS1 = Out(nat, Alice, S1);
        var bobS1 = Out(nat, Bob, S1);
        var aliceS2 = Out(nat, Alice, S2);
        Assert.NotEqual(aliceS1.Ip, bobS1.Ip);
        Assert.Equal(aliceS1.Ip, aliceS2.Ip);
        Assert.True(nat.IsOwnPublicAddress(Ip("49.36.10.26")));
    }

    // RFC 4787 REQ-5/REQ-6: a mapping lives MappingLifetime after its last refresh; outbound packets refresh it.
    [Fact]
    public void An_idle_mapping_expires_and_a_late_packet_is_told_when()
    {
        var nat = Nat(NatBehavior.FullCone);
        var pub = Out(nat, Alice, S1);
        Assert.True(In(nat, S1, pub, TimeSpan.FromSeconds(119)).Passes);   // inbound does not refresh by default

        var late = In(nat, S1, pub, TimeSpan.FromSeconds(121));
        Assert.Equal(NatDropReason.MappingExpired, late.Drop);
        Assert.Equal(NatBehavior.DefaultMappingLifetime, late.ExpiredAt);
        Assert.Equal(0, nat.MappingCount);
        var changes = Changes(nat);
        Assert.Equal(new[] { NatTableChangeKind.MappingCreated, NatTableChangeKind.MappingExpired }, changes.Select(c => c.Kind));
        Assert.Same(changes[0].Mapping, changes[1].Mapping);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Outbound_packets_refresh_the_mapping_when_the_behaviour_says_so(bool outboundRefresh, bool aliveAt200s)
    {
        var nat = Nat(NatBehavior.FullCone with { OutboundRefresh = outboundRefresh });
        var pub = Out(nat, Alice, S1);
        Assert.Equal(pub, Out(nat, Alice, S1, TimeSpan.FromSeconds(100)));
        var v = In(nat, S1, pub, TimeSpan.FromSeconds(200));
        Assert.Equal(aliveAt200s ? NatDropReason.None : NatDropReason.MappingExpired, v.Drop);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Inbound_packets_refresh_the_mapping_only_when_the_behaviour_says_so(bool inboundRefresh, bool aliveAt200s)
    {
        var nat = Nat(NatBehavior.FullCone with { InboundRefresh = inboundRefresh });
        var pub = Out(nat, Alice, S1);
        Assert.True(In(nat, S1, pub, TimeSpan.FromSeconds(100)).Passes);
        Assert.Equal(aliveAt200s, In(nat, S1, pub, TimeSpan.FromSeconds(200)).Passes);
    }

    [Fact]
    public void A_mapping_timer_expires_only_a_mapping_that_was_not_refreshed()
    {
        var nat = Nat(NatBehavior.FullCone);
        Out(nat, Alice, S1);
        var m = Changes(nat).Single().Mapping;
        Out(nat, Alice, S1, TimeSpan.FromSeconds(60));
        Assert.True(nat.CheckExpiry(m, TimeSpan.FromSeconds(120)));            // refreshed at 60 s: check again at 180 s
        Assert.Equal(TimeSpan.FromSeconds(180), m.Expires);
        Assert.Empty(Changes(nat));
        Assert.False(nat.CheckExpiry(m, TimeSpan.FromSeconds(180)));
        Assert.Equal(NatTableChangeKind.MappingExpired, Changes(nat).Single().Kind);
        Assert.False(nat.CheckExpiry(m, TimeSpan.FromSeconds(300)));           // gone already: nothing more to report
        Assert.Empty(Changes(nat));
        Assert.Equal(0, nat.MappingCount);
    }

    [Fact]
    public void An_outbound_packet_after_expiry_makes_a_new_mapping()
    {
        var nat = Nat(NatBehavior.Symmetric with { FirstPort = 62000 });
        var first = Out(nat, Alice, S1);
        var again = Out(nat, Alice, S1, TimeSpan.FromSeconds(500));
        Assert.NotEqual(first, again);                                         // sequential: the next port, not the old one
        Assert.Equal(new[] { NatTableChangeKind.MappingCreated, NatTableChangeKind.MappingExpired, NatTableChangeKind.MappingCreated },
            Changes(nat).Select(c => c.Kind));
    }

    // RFC 4787 §6 (REQ-9).
    [Fact]
    public void Hairpinning_sends_the_packet_back_in_with_the_senders_public_endpoint_as_its_source()
    {
        var nat = Nat(NatBehavior.FullCone);
        var bobPublic = Out(nat, Bob, S1);
        var v = nat.FromInside(Flow(Alice, bobPublic), T0);
        Assert.True(v.Passes);
        Assert.Equal(NatDirection.Hairpin, v.Direction);
        Assert.Equal(new UdpFlow(Public, Alice.Port, Bob.Ip, Bob.Port), v.Flow);
        Assert.Equal((Alice.Ip, Alice.Port), (v.Mapping!.InsideIp, v.Mapping.InsidePort));
        Assert.Equal((Bob.Ip, Bob.Port), (v.Hit!.InsideIp, v.Hit.InsidePort));
    }

    [Fact]
    public void A_hairpinned_packet_meets_the_targets_filter()
    {
        var nat = Nat(NatBehavior.PortRestrictedCone);
        var bobPublic = Out(nat, Bob, S1);
        var refused = nat.FromInside(Flow(Alice, bobPublic), T0);
        Assert.Equal(NatDirection.Hairpin, refused.Direction);
        Assert.Equal(NatDropReason.FilteredByAddress, refused.Drop);   // Bob never sent to Alice's public endpoint
        Assert.NotNull(refused.Mapping);                                 // but Alice's own mapping was made on the way
        var alicePublic = (refused.Mapping!.PublicIp, refused.Mapping.PublicPort);

        Assert.True(nat.FromInside(Flow(Bob, alicePublic), T0).Passes);   // Bob hairpins to Alice: now each has sent to the other
        Assert.True(nat.FromInside(Flow(Alice, bobPublic), T0).Passes);
    }

    [Fact]
    public void Hairpinning_fails_with_a_reason_when_off_or_when_nobody_owns_the_endpoint()
    {
        var off = Nat(NatBehavior.CheapHomeRouter);
        var bobPublic = Out(off, Bob, S1);
        var v = off.FromInside(Flow(Alice, bobPublic), T0);
        Assert.Equal((NatDirection.Hairpin, NatDropReason.HairpinOff), (v.Direction, v.Drop));

        var on = Nat(NatBehavior.FullCone);
        var unmapped = on.FromInside(Flow(Alice, (Public, 40000)), T0);
        Assert.Equal((NatDirection.Hairpin, NatDropReason.NoMapping), (unmapped.Direction, unmapped.Drop));
    }

    [Fact]
    public void A_udp_blocking_firewall_lets_nothing_out_and_keeps_no_state()
    {
        var nat = Nat(NatBehavior.UdpBlockingFirewall);
        var v = nat.FromInside(Flow(Alice, S1), T0);
        Assert.Equal(NatDropReason.OutboundBlocked, v.Drop);
        Assert.Equal(0, nat.MappingCount);
    }

    [Fact]
    public void A_stateful_firewall_rewrites_nothing_and_admits_only_replies()
    {
        var host = (Ip("49.36.10.100"), (ushort)5000);
        var nat = Nat(NatBehavior.Firewall);
        Assert.Equal(host, Out(nat, host, S1));
        var reply = In(nat, S1, host);
        Assert.True(reply.Passes);
        Assert.Equal(Flow(S1, host), reply.Flow);
        Assert.Equal(NatDropReason.FilteredByAddress, In(nat, S2, host).Drop);
    }

    [Fact]
    public void A_one_to_one_nat_pairs_hosts_with_addresses_in_the_order_they_joined()
    {
        var nat = Nat(NatBehavior.OneToOneNat, 1, "49.36.10.25", "49.36.10.26");
        nat.AddInsideHost(Alice.Ip);
        Assert.Equal(NatDropReason.NoMapping, In(nat, S1, (Ip("49.36.10.26"), 80)).Drop);   // nobody owns .26 yet
        nat.AddInsideHost(Bob.Ip);
        nat.AddInsideHost(Ip("192.168.1.12"));                                             // no address left for a third

        Assert.Equal((Public, Alice.Port), Out(nat, Alice, S1));                           // the port is kept
        var toBob = In(nat, S2, (Ip("49.36.10.26"), 80));
        Assert.True(toBob.Passes);
        Assert.Equal(new UdpFlow(S2.Ip, S2.Port, Bob.Ip, 80), toBob.Flow);                  // and nothing is filtered
        Assert.Equal(NatDropReason.NoFreePort, nat.FromInside(Flow((Ip("192.168.1.12"), 7000), S1), T0).Drop);
        Assert.Equal(2, nat.MappingCount);
        Assert.Equal(2, nat.Table("1:1", T0).Entries.Count(e => e.Static));
    }

    // RFC 4787 §5, when X:x has more than one mapping.
    [Theory]
    [InlineData(FilteringScope.PerMapping, nameof(NatDropReason.FilteredByAddress))]
    [InlineData(FilteringScope.PerInternalEndpoint, nameof(NatDropReason.None))]
    public void The_filtering_scope_decides_whether_a_sibling_mapping_admits_a_packet(FilteringScope scope, string expectedName)
    {
        var expected = Enum.Parse<NatDropReason>(expectedName);
        var nat = Nat(NatBehavior.Symmetric with { FilteringScope = scope });
        var toS1 = Out(nat, Alice, S1);
        var toS2 = Out(nat, Alice, S2);
        var v = In(nat, S2, toS1);                  // S2 writes to the mapping made for S1
        Assert.Equal(expected, v.Drop);
        Assert.NotNull(v.Sibling);                  // the mapping made for S2: it admitted the packet, or the drop names it
        Assert.Equal(toS2, (v.Sibling!.PublicIp, v.Sibling.PublicPort));
        Assert.Equal(toS1, (v.Hit!.PublicIp, v.Hit.PublicPort));
    }

    [Fact]
    public void The_table_shows_the_live_mappings_and_names_its_owner()
    {
        var nat = Nat(NatBehavior.PortRestrictedCone);
        Out(nat, Alice, S1);
        Out(nat, Bob, S2, TimeSpan.FromSeconds(100));
        var table = nat.Table("NAT", TimeSpan.FromSeconds(150));
        Assert.Same(nat, table.Owner);
        var row = Assert.Single(table.Entries);                                        // Alice's row expired at 120 s
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.168.1.11"), 6000), row.InsideLocal);
        Assert.Equal(new[] { "2.2.2.2:3478" }, row.Admits);
        Assert.NotSame(nat.Table("NAT", TimeSpan.FromSeconds(150)).Owner, Nat(NatBehavior.PortRestrictedCone).Table("NAT", T0).Owner);
    }

    [Fact]
    public void A_flow_that_keeps_its_mapping_changes_nothing_in_the_table()
    {
        var nat = Nat(NatBehavior.FullCone);
        var pub = Out(nat, Alice, S1);
        Changes(nat);
        for (var i = 1; i <= 10; i++)
        {
            Out(nat, Alice, S1, TimeSpan.FromSeconds(i));
            Assert.True(In(nat, S1, pub, TimeSpan.FromSeconds(i)).Passes);
        }
        Assert.False(nat.HasChanges);
        Assert.Equal(1, nat.MappingCount);
    }

    // The router once counted its instances in a static field so a view could tell two same-named routers apart; the
    // table's Owner does that now, and a NAT keeps no state shared between networks.
    [Fact]
    public void Neither_the_router_nor_the_translator_keeps_static_state()
    {
        foreach (var t in new[] { typeof(NatRouter), typeof(NatTranslator) })
            Assert.DoesNotContain(t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic), f => !f.IsLiteral);
    }
}
