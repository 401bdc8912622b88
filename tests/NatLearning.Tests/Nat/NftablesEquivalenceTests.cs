using System.Net;
using NatLearning.Nat;
using NatLearning.Simulation;
using NatLearning.Tracing;

namespace NatLearning.Tests.Nat;

/// <summary>
/// The simulated NAT against the Linux router it stands for (see the nftables remarks on <see cref="NatBehavior"/>):
/// the same topology, and for each packet the decision conntrack would make with those rules. A Linux router: wan0 =
/// 49.36.10.25, lan0 = 192.168.1.0/24; A = 192.168.1.10:5000 and B = 192.168.1.11:6000 inside; S1 = 1.1.1.1:3478 (and
/// port 4000), S2 = 2.2.2.2:3478 and a stranger 3.3.3.3:3478 outside.
/// </summary>
public class NftablesEquivalenceTests
{
    /// <summary>Every translating preset's filter: a reply must match the reply tuple of the conntrack entry it hits.</summary>
    private const string Filter = """
        table inet filter {
          chain forward { type filter hook forward priority filter; policy drop;
            ct state established,related accept
            iifname "lan0" accept
          }
        }
        """;

    /// <summary>Hairpinning (RFC 4787 REQ-9), written for B's live mapping 49.36.10.25:6000; the simulator acts as if each live mapping had it.</summary>
    private const string Hairpin = """
        table ip nat {
          chain prerouting { type nat hook prerouting priority dstnat;
            iifname "lan0" ip daddr 49.36.10.25 udp dport 6000 dnat ip to 192.168.1.11:6000
          }
          chain postrouting { type nat hook postrouting priority srcnat;
            iifname "lan0" oifname "lan0" ct status dnat snat ip to 49.36.10.25
          }
        }
        """;

    /// <summary>A preset, the rules it stands for, and what conntrack decides with them.</summary>
    /// <param name="SharedPortAdmitsS2">S2 sends to the public endpoint A used toward S1: masquerade kept port 5000 for both flows, so S2's packet matches A's flow to S2; "masquerade random" gave A→S1 its own port, whose only reply tuple is S1's.</param>
    /// <param name="Hairpins">B's packets to A's public mapping come back in with B's public source (REQ-9 a).</param>
    public sealed record Case(string Preset, string Rules, bool SharedPortAdmitsS2, bool Hairpins)
    {
        public override string ToString() => Preset;
    }

    public static TheoryData<Case> Cases() =>
    [
        new Case("port-restricted-cone", Filter + "\ntable ip nat { chain postrouting { type nat hook postrouting priority srcnat; oifname \"wan0\" masquerade } }\n" + Hairpin, true, true),
        new Case("symmetric", Filter + "\ntable ip nat { chain postrouting { type nat hook postrouting priority srcnat; oifname \"wan0\" masquerade random } }\n" + Hairpin, false, true),
        new Case("cheap-home-router", Filter + "\ntable ip nat { chain postrouting { type nat hook postrouting priority srcnat; oifname \"wan0\" masquerade } }\n# no hairpin rules; sysctl net.netfilter.nf_conntrack_udp_timeout=30", true, false),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_simulator_decides_as_conntrack_does_with_the_rules_the_preset_stands_for(Case c)
    {
        Assert.Contains(c.Hairpins ? "snat ip to 49.36.10.25" : "no hairpin rules", c.Rules);
        var net = new Network(1);
        var nat = net.AddNat("NAT", NatBehavior.FromName(c.Preset), "49.36.10.25", "192.168.1.0/24");
        var a = nat.AddHost("A", "192.168.1.10").Bind(5000);
        var b = nat.AddHost("B", "192.168.1.11").Bind(6000);
        var s1 = net.AddHost("S1", "1.1.1.1");
        var (s1Main, s1Other) = (s1.Bind(3478), s1.Bind(4000));
        var s2 = net.AddHost("S2", "2.2.2.2").Bind(3478);
        var stranger = net.AddHost("Stranger", "3.3.3.3").Bind(3478);

        IPEndPoint Out(UdpSocket from, UdpSocket to)
        {
            from.Send(to.LocalEndPoint, "out");
            net.RunUntilIdle();
            return to.ReceiveAll().Single().Remote;
        }
        bool In(UdpSocket from, IPEndPoint to, UdpSocket at)
        {
            from.Send(to, "in");
            net.RunUntilIdle();
            return at.ReceiveAll().Count == 1;
        }

        var aToS1 = Out(a, s1Main);
        var aToS2 = Out(a, s2);
        var bPublic = Out(b, s1Main);
        Assert.True(In(s1Main, aToS1, a));                     // ct state established: the reply tuple of A → S1
        Assert.False(In(s1Other, aToS1, a));                   // 1.1.1.1:4000 is in no entry's reply tuple
        Assert.False(In(stranger, aToS1, a));                  // nor is 3.3.3.3
        Assert.Equal(c.SharedPortAdmitsS2, In(s2, aToS1, a));  // per mapping, as conntrack: see SharedPortAdmitsS2

        // Hairpin: A sends to B's public mapping, then B to the endpoint A's packet came from.
        a.Send(bPublic, "to B via the public address");
        net.RunUntilIdle();
        var hairpinDrop = net.Trace.Events.LastOrDefault(e => e.Kind == TraceEventKind.Dropped && e.Node == "NAT");
        if (!c.Hairpins)
        {
            Assert.Empty(b.ReceiveAll());
            Assert.Equal(DropReason.HairpinOff, hairpinDrop!.Reason);
            return;
        }
        // The simulator also filters a hairpinned packet through B's mapping, which has not sent to A's public endpoint yet.
        Assert.Empty(b.ReceiveAll());
        var aPublicTowardB = nat.Table.Entries.Single(e => e.InsideLocal.Port == 5000 && e.Contacted.Contains(bPublic)).InsideGlobal;
        b.Send(aPublicTowardB, "to A via the public address");
        net.RunUntilIdle();
        var got = a.ReceiveAll();
        if (c.SharedPortAdmitsS2)
        {
            // snat ip to 49.36.10.25: A sees B's external address and port, never 192.168.1.11 (REQ-9 a).
            Assert.Equal(bPublic.Address, Assert.Single(got).Remote.Address);
            Assert.Equal(IPAddress.Parse("49.36.10.25"), got[0].Remote.Address);
        }
        else
            Assert.Empty(got);   // per destination: B's packet leaves by a new mapping A's row never sent to
    }

    [Fact]
    public void The_rfc_per_endpoint_reading_admits_what_conntrack_drops()
    {
        var bed = new NatTestBed(NatBehavior.Symmetric with { FilteringScope = FilteringScope.PerInternalEndpoint });
        var toS1 = bed.AliceSendsTo(bed.S1);
        bed.AliceSendsTo(bed.S2);
        // With "masquerade random" S2 → A's S1 port matches no reply tuple; RFC 4787's per-X:x reading lets it in.
        Assert.True(bed.ServerSends(bed.S2, toS1).Delivered);
    }
}
