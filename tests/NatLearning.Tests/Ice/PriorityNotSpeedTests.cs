using NatLearning.Ice;
using NatLearning.Lab;
using NatLearning.Nat;
using NatLearning.Simulation;
using NatLearning.Tracing;

namespace NatLearning.Tests.Ice;

/// <summary>ICE selects by priority (RFC 8445 §6.1.2.3), not by measured round-trip time; and two peers behind one NAT.</summary>
public class PriorityNotSpeedTests
{
    [Fact]
    public void A_path_delay_slows_only_the_route_between_its_two_addresses()
    {
        var net = new Network(seed: 1);
        var a = net.AddHost("A", "45.10.20.30").Bind(1);
        var b = net.AddHost("B", "88.90.100.110").Bind(2);
        var c = net.AddHost("C", "203.0.113.5").Bind(3);
        net.Internet.AddPathDelay("88.90.100.110", "45.10.20.30", TimeSpan.FromMilliseconds(150));
        a.Send(b.LocalEndPoint, "slow");
        a.Send(c.LocalEndPoint, "normal");
        net.RunUntilIdle();
        var direct = c.ReceiveAll().Single().Time;
        Assert.Equal(direct + TimeSpan.FromMilliseconds(150), b.ReceiveAll().Single().Time);
        b.Send(a.LocalEndPoint, "back");   // both directions
        var sent = net.Now;
        net.RunUntilIdle();
        Assert.Equal(direct + TimeSpan.FromMilliseconds(150), a.ReceiveAll().Single().Time - sent);
        Assert.Throws<ArgumentOutOfRangeException>(() => net.Internet.AddPathDelay("45.10.20.30", "203.0.113.5", TimeSpan.FromMilliseconds(-1)));
        Assert.Contains("not an IPv4 address", Assert.Throws<ArgumentException>(() => net.Internet.AddPathDelay("nowhere", "203.0.113.5", TimeSpan.Zero)).Message);
    }

    [Fact]
    public void Ice_keeps_the_higher_priority_pair_even_when_a_relayed_pair_answered_faster()
    {
        var s = IceSession.Run(PeerNat.Parse("port-restricted-cone"), PeerNat.Parse("port-restricted-cone"), seed: 9, turn: true,
            configure: n => n.Internet.AddPathDelay("49.36.10.25", "88.20.15.90", TimeSpan.FromMilliseconds(150)));
        var alice = s.Alice.Agent;
        var selected = alice.SelectedPair!;
        Assert.Equal(CandidateType.ServerReflexive, selected.Kind);
        var fasterRelay = PairGrid.Rows(alice).Where(r => r.State == "Succeeded" && (r.Local.StartsWith("relay") || r.Remote.StartsWith("relay")))
            .Where(r => r.Rtt is not null).MinBy(r => r.Rtt);
        Assert.NotNull(fasterRelay);
        Assert.True(fasterRelay.Rtt < selected.Rtt, $"relay {fasterRelay.Rtt} vs selected {selected.Rtt}");
    }

    [Fact]
    public void Behind_one_nat_host_candidates_win_and_without_them_only_hairpinning_connects()
    {
        var shared = IceSession.RunBehindOneNat(NatBehavior.PortRestrictedCone with { Hairpinning = false }, seed: 9);
        Assert.Equal(CandidateType.Host, shared.Alice.Agent.SelectedPair!.Kind);

        var hidden = new IceOptions { ShareHostCandidates = false };
        var hairpin = IceSession.RunBehindOneNat(NatBehavior.PortRestrictedCone with { Hairpinning = true }, seed: 9, options: hidden);
        Assert.DoesNotContain(hairpin.Bob.Agent.RemoteCandidates, c => c.Type == CandidateType.Host);
        Assert.Equal(CandidateType.ServerReflexive, hairpin.Alice.Agent.SelectedPair!.Kind);
        Assert.Contains(hairpin.Network.Trace.Events, e => e.Kind == TraceEventKind.Translated && e.Detail!.Contains("hairpins"));

        var noHairpin = IceSession.RunBehindOneNat(NatBehavior.PortRestrictedCone with { Hairpinning = false }, seed: 9, options: hidden);
        Assert.False(noHairpin.Outcome.Succeeded);
        Assert.Contains(noHairpin.Network.Trace.Events, e => e.Reason == DropReason.HairpinOff);
        Assert.Throws<ArgumentException>(() => IceSession.RunBehindOneNat(NatBehavior.Firewall));
    }
}
