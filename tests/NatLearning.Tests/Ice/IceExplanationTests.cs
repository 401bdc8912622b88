using NatLearning.Ice;
using NatLearning.Lab;
using NatLearning.Nat;
using NatLearning.Packets;
using NatLearning.Stun;
using NatLearning.Tracing;

namespace NatLearning.Tests.Ice;

public class IceExplanationTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_quoted_drop_is_a_check_of_that_pair_or_the_peers_answer_to_one_and_says_which(bool turn)
    {
        var checkedDrops = 0;
        foreach (var natA in PeerNat.Grid)
            foreach (var natB in PeerNat.Grid)
            {
                var s = IceSession.Run(natA, natB, turn: turn);
                var events = s.Network.Trace.Events;
                var sent = events.Where(e => e.Kind == TraceEventKind.Sent).ToDictionary(e => e.PacketId);
                var requestSent = new Dictionary<TransactionId, TraceEvent>();
                foreach (var e in sent.Values)
                    if (StunMessage.TryParse(e.Bytes.AsSpan(Packet.HeaderLength), out var m, out _) && m.Class == StunClass.Request) requestSent.TryAdd(m.TransactionId, e);
                foreach (var fate in s.Explain().Pairs.Where(f => f.Pair.State == CandidatePairState.Failed))
                    foreach (var drop in fate.Drops)
                    {
                        var message = StunMessage.Parse(drop.Bytes.AsSpan(Packet.HeaderLength));
                        var answer = message.Class != StunClass.Request;
                        // The check as its sender put it on the wire, before any NAT: from this pair's base to its remote candidate.
                        var check = answer ? requestSent[message.TransactionId] : sent[drop.PacketId];
                        var where = $"{natA}/{natB}: {fate}";
                        Assert.True(check.Node == fate.Agent || fate.Pair.Local.Type == CandidateType.Relayed && check.Node == "TURN", where);
                        Assert.Equal(fate.Pair.Local.Base, check.Source);
                        Assert.Equal(fate.Pair.Remote.Address, check.Destination);
                        Assert.Contains($"{(answer ? "the peer's answer to our check" : "our check")}, {drop.Source} → {drop.Destination} when it reached {drop.Node}", fate.Why);
                        checkedDrops++;
                    }
            }
        Assert.True(checkedDrops > 50, $"only {checkedDrops} drops were explained");
    }

    [Fact]
    public void An_answer_that_leaves_the_peers_nat_from_another_port_is_called_an_answer_and_the_port_is_named()
    {
        // Filtering per internal endpoint (RFC 4787 §5's reading), Bob's symmetric NAT lets Alice's check in through the
        // row it made for the STUN server, because Bob's row for Alice sent to her; Bob's answer leaves through that row
        // for Alice, a different public port, and Alice's port-restricted NAT drops it. The drop belongs to Alice's pair, as an answer.
        var perEndpoint = PeerNat.Of("symmetric", NatBehavior.Symmetric with { FilteringScope = FilteringScope.PerInternalEndpoint });
        var s = IceSession.Run(PeerNat.Parse("port-restricted-cone"), perEndpoint);
        var fate = Assert.Single(s.Explain().Pairs, f => f.Agent == "Alice" && f.Pair.Remote.Type == CandidateType.ServerReflexive);
        Assert.Equal(CandidatePairState.Failed, fate.Pair.State);
        Assert.NotEmpty(fate.Drops);
        foreach (var drop in fate.Drops)
        {
            Assert.Equal(StunClass.SuccessResponse, StunMessage.Parse(drop.Bytes.AsSpan(Packet.HeaderLength)).Class);
            Assert.Equal(fate.Pair.Remote.Address.Address, drop.Source!.Address);
            Assert.NotEqual(fate.Pair.Remote.Address.Port, drop.Source.Port);
            Assert.Contains($"the peer's answer to our check, {drop.Source} → {drop.Destination}", fate.Why);
            Assert.Contains($"it came from port {drop.Source.Port}, not {fate.Pair.Remote.Address.Port} where our check went", fate.Why);
        }
        Assert.DoesNotContain("; our check,", fate.Why);
        // Bob's own check on the mirror pair leaves from that same port and is dropped by the same rule: there it is a check.
        var bobs = Assert.Single(s.Explain().Pairs, f => f.Agent == "Bob" && f.Pair.Remote.Type == CandidateType.ServerReflexive);
        Assert.All(bobs.Drops, d => Assert.Equal(StunClass.Request, StunMessage.Parse(d.Bytes.AsSpan(Packet.HeaderLength)).Class));
        Assert.Contains("our check,", bobs.Why);
        Assert.DoesNotContain("answer", bobs.Why);

        // Filtering per mapping (the default, as conntrack does), Alice's check itself dies at Bob's NAT, at the row it hit.
        var strict = IceSession.Run(PeerNat.Parse("port-restricted-cone"), PeerNat.Parse("symmetric"));
        var alices = Assert.Single(strict.Explain().Pairs, f => f.Agent == "Alice" && f.Pair.Remote.Type == CandidateType.ServerReflexive);
        Assert.All(alices.Drops, d => Assert.Equal(StunClass.Request, StunMessage.Parse(d.Bytes.AsSpan(Packet.HeaderLength)).Class));
        Assert.True(alices.Why.Contains($"through mapping {alices.Pair.Remote.Address} (made for destination {IceSession.StunAddress}:3478)", StringComparison.Ordinal), alices.Why);
    }
}
