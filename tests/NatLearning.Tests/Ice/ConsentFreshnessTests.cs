using System.Text;
using NatLearning.Ice;
using NatLearning.Lab;
using NatLearning.Packets;
using NatLearning.Stun;
using NatLearning.Stun.Attributes;
using NatLearning.Tracing;

namespace NatLearning.Tests.Ice;

public class ConsentFreshnessTests
{
    private static readonly IceOptions Consent = new() { ConsentFreshness = true };

    private static IceSession Call(string natA = "port-restricted-cone", string natB = "port-restricted-cone", long seed = 1, bool consent = true, bool turn = false)
    {
        var s = IceSession.Run(PeerNat.Parse(natA), PeerNat.Parse(natB), seed, options: consent ? Consent : null, turn: turn);
        Assert.True(s.Outcome.Succeeded, s.Outcome.ToString());
        return s;
    }

    /// <summary>The STUN messages a host put on the wire after ICE completed, with their trace events.</summary>
    private static List<(TraceEvent Sent, StunMessage Message)> StunSentAfterSelection(IceSession s, IcePeer peer)
    {
        var list = new List<(TraceEvent, StunMessage)>();
        foreach (var e in s.Network.Trace.Events)
            if (e.Kind == TraceEventKind.Sent && e.Node == peer.Name && e.Time > peer.Agent.CompletedAt
                && StunMessage.TryParse(e.Bytes.AsSpan(Packet.HeaderLength), out var m, out _))
                list.Add((e, m));
        return list;
    }

    private static List<(TraceEvent Sent, StunMessage Message)> ConsentChecks(IceSession s, IcePeer peer) =>
        [.. StunSentAfterSelection(s, peer).Where(x => x.Message.Class == StunClass.Request && x.Message.Method == StunMethod.Binding)];

    [Fact]
    public void Consent_checks_are_spaced_uniformly_between_4_and_6_seconds()
    {
        var s = Call().RunFor(TimeSpan.FromMinutes(5));
        foreach (var peer in new[] { s.Alice, s.Bob })
        {
            var times = ConsentChecks(s, peer).Select(c => c.Sent.Time).ToList();
            Assert.True(times.Count >= 50, $"{peer.Name} sent {times.Count} consent checks in 5 minutes");
            Assert.Equal(peer.Agent.ConsentChecksSent, times.Count);
            var gaps = times.Zip(times.Skip(1), (a, b) => b - a).ToList();
            // RFC 7675 §5.1: 0.8–1.2 × 5 s, drawn anew each time (so both ends of the range are visited).
            Assert.All(gaps, g => Assert.InRange(g, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6)));
            Assert.Contains(gaps, g => g < TimeSpan.FromSeconds(4.5));
            Assert.Contains(gaps, g => g > TimeSpan.FromSeconds(5.5));
            // The first one comes one such interval after selection.
            Assert.InRange(times[0] - peer.Agent.CompletedAt!.Value, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6));
        }
    }

    [Fact]
    public void Consent_checks_are_authenticated_binding_requests_on_the_selected_pair_each_answered_once()
    {
        var s = Call().RunFor(TimeSpan.FromMinutes(1));
        var alice = s.Alice.Agent;
        var bob = s.Bob.Agent;
        var checks = ConsentChecks(s, s.Alice);
        Assert.NotEmpty(checks);
        var bobsAnswers = StunSentAfterSelection(s, s.Bob).Where(x => x.Message.Class == StunClass.SuccessResponse).ToDictionary(x => x.Message.TransactionId);
        foreach (var (sent, m) in checks)
        {
            Assert.Equal(alice.SelectedPair!.Local.Base, sent.Source);
            Assert.Equal(alice.SelectedPair.Remote.Address, sent.Destination);
            Assert.Equal($"{bob.LocalCredentials.Ufrag}:{alice.LocalCredentials.Ufrag}", m.Get<Username>()!.Value);
            Assert.True(m.VerifyMessageIntegrity(new ShortTermCredential("", bob.LocalCredentials.Password).Key));
            Assert.False(m.VerifyMessageIntegrity(new ShortTermCredential("", alice.LocalCredentials.Password).Key));
            Assert.True(m.VerifyFingerprint());
            Assert.Equal(alice.TieBreaker, m.Get<IceControlling>()!.TieBreaker);
            Assert.Null(m.Get<UseCandidate>());
            // Bob answered it, signed with his password, telling Alice where he saw it come from.
            var answer = bobsAnswers[m.TransactionId].Message;
            Assert.True(answer.VerifyMessageIntegrity(new ShortTermCredential("", bob.LocalCredentials.Password).Key));
            Assert.True(answer.VerifyFingerprint());
            Assert.Equal(alice.SelectedPair.Local.Address, answer.MappedEndPoint);
        }
        // A new transaction each time, never retransmitted (RFC 7675 §5.1).
        Assert.Equal(checks.Count, checks.Select(c => c.Message.TransactionId).Distinct().Count());
        Assert.Equal(checks.Count, alice.ConsentResponsesReceived);
        Assert.Equal(IceAgentState.Completed, alice.State);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Consent_checks_keep_the_nat_mappings_past_their_120_s_lifetime_and_media_flows_without_them_it_is_dropped(bool consent)
    {
        var s = Call(consent: consent);
        var aliceNat = s.Network.Nats.Single(n => n.Name == "Alice's NAT");
        var bobNat = s.Network.Nats.Single(n => n.Name == "Bob's NAT");
        var selected = s.Alice.Agent.SelectedPair!;
        var lifetime = aliceNat.Behavior.MappingLifetime;
        s.RunFor(lifetime + TimeSpan.FromMinutes(1));

        // The row made for Alice's media socket during ICE, and the one for Bob's.
        bool Alive(NatLearning.Simulation.NatRouter nat, IcePeer peer) =>
            nat.Table.Entries.Any(e => e.InsideLocal.Equals(peer.Media.LocalEndPoint) && e.Created < s.Network.Now - lifetime);
        var expired = s.Network.Trace.Events.Where(e => e.Kind == TraceEventKind.MappingExpired && e.Mapping is { } m
            && (m.InsideLocal.Equals(s.Alice.Media.LocalEndPoint) || m.InsideLocal.Equals(s.Bob.Media.LocalEndPoint))).ToList();
        Assert.Equal(consent, Alive(aliceNat, s.Alice));
        Assert.Equal(consent, Alive(bobNat, s.Bob));
        Assert.Equal(consent, expired.Count == 0);

        // Either way Alice believes she has a path: without consent checks nothing told her the holes closed.
        Assert.True(s.Alice.SendMedia("still there?"));
        var sentAt = s.Network.Now;
        s.RunFor(TimeSpan.FromSeconds(1));
        if (consent)
        {
            var got = Assert.Single(s.Bob.MediaReceived);
            Assert.Equal("still there?", Encoding.UTF8.GetString(got.Data.Span));
            Assert.Equal(selected.Local.Address, got.From);
        }
        else
        {
            // The hole in Bob's NAT closed at 120 s: the media dies there.
            Assert.Empty(s.Bob.MediaReceived);
            var drop = Assert.Single(s.Network.Trace.Events, e => e.Kind == TraceEventKind.Dropped && e.Time > sentAt);
            Assert.Equal("Bob's NAT", drop.Node);
            Assert.Equal(DropReason.MappingExpired, drop.Reason);
            Assert.Equal(selected.Remote.Address, drop.Destination);
            Assert.Contains(expired, e => e.Node == "Bob's NAT");
            Assert.Contains(expired, e => e.Node == "Alice's NAT");
        }
    }

    [Fact]
    public void When_the_peer_leaves_consent_is_lost_30_s_after_the_last_answered_check_was_sent_and_sending_stops()
    {
        var s = Call().RunFor(TimeSpan.FromMinutes(1));
        var left = s.Network.Now;
        s.Bob.Leave();
        s.RunFor(TimeSpan.FromMinutes(1));
        var alice = s.Alice.Agent;

        var answered = StunSentAfterSelection(s, s.Bob).Where(x => x.Message.Class == StunClass.SuccessResponse).Select(x => x.Message.TransactionId).ToHashSet();
        var lastAnswered = ConsentChecks(s, s.Alice).Last(c => answered.Contains(c.Message.TransactionId)).Sent.Time;
        Assert.True(lastAnswered <= left);
        Assert.Equal(lastAnswered + TimeSpan.FromSeconds(30), alice.ConsentLostAt);
        Assert.InRange(alice.ConsentLostAt!.Value - left, TimeSpan.FromSeconds(23), TimeSpan.FromSeconds(30));

        var lost = Assert.Single(s.Alice.Events.OfType<IceEvent.ConsentLost>());
        Assert.Equal(alice.ConsentLostAt, lost.Time);
        Assert.Equal(IceAgentState.Failed, alice.State);
        Assert.Null(alice.SelectedPair);
        Assert.Equal(CandidatePairState.Failed, lost.Pair.State);
        Assert.Contains("consent lost", alice.FailureReason);
        Assert.Contains(s.Network.Trace.Events, e => e.Kind == TraceEventKind.Note && e.Node == "Alice" && e.Time == lost.Time && e.Detail!.Contains("stops sending"));
        // The unanswered checks are explained by the trace: they reached Bob's host, where no socket listens any more.
        Assert.Contains(s.Explain().Pairs, f => f.Agent == "Alice" && f.Drops.Any(d => d.Reason == DropReason.PortUnreachable && d.Time > left));
        Assert.Contains("stopped sending", string.Join(" ", s.Explain().Winner));

        // Consent checks went on until then, and nothing left Alice's media socket afterwards.
        Assert.Contains(ConsentChecks(s, s.Alice), c => c.Sent.Time > left);
        Assert.DoesNotContain(s.Network.Trace.Events, e => e.Kind == TraceEventKind.Sent && e.Node == "Alice" && e.Time > lost.Time && e.Source!.Equals(s.Alice.Media.LocalEndPoint));
        Assert.False(s.Alice.SendMedia("hello?"));
    }

    [Fact]
    public void A_relayed_call_keeps_consent_through_the_turn_server()
    {
        var s = Call("symmetric", "symmetric", turn: true);
        Assert.Equal(CandidateType.Relayed, s.Outcome.Selected);
        s.RunFor(TimeSpan.FromMinutes(3));
        foreach (var agent in new[] { s.Alice.Agent, s.Bob.Agent })
        {
            Assert.Equal(IceAgentState.Completed, agent.State);
            Assert.True(agent.ConsentResponsesReceived >= 25, $"{agent.Name}: {agent.ConsentResponsesReceived} answers");
            Assert.True(agent.ConsentExpiresAt > s.Network.Now);
        }
        Assert.True(s.Bob.SendMedia("via the relay"));
        s.RunFor(TimeSpan.FromSeconds(1));
        Assert.Equal("via the relay", Encoding.UTF8.GetString(Assert.Single(s.Alice.MediaReceived).Data.Span));
    }

    [Fact]
    public void A_direct_call_frees_the_relays_it_does_not_use_and_the_relayed_one_keeps_its_own()
    {
        // RFC 8445 §8.3. Kept, an unused relay would outlive its NAT row and be refreshed from a new port (437 at the server).
        var direct = Call(turn: true).RunFor(TimeSpan.FromMinutes(15));
        Assert.NotEqual(CandidateType.Relayed, direct.Outcome.Selected);
        Assert.Contains(direct.Network.Trace.Events, e => e.Kind == TraceEventKind.Note && e.Node == "TURN" && e.Detail!.Contains("deleted", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(direct.Network.Trace.Events, e => e.Detail?.Contains("437") == true);
        Assert.Equal(IceAgentState.Completed, direct.Alice.Agent.State);

        var relayed = Call("symmetric", "port-restricted-cone", turn: true).RunFor(TimeSpan.FromMinutes(15));
        Assert.Equal(CandidateType.Relayed, relayed.Outcome.Selected);
        Assert.DoesNotContain(relayed.Network.Trace.Events, e => e.Detail?.Contains("437") == true);
        Assert.True(relayed.Bob.SendMedia("after fifteen minutes"));
        relayed.RunFor(TimeSpan.FromSeconds(1));
        Assert.Contains(relayed.Alice.MediaReceived, m => Encoding.UTF8.GetString(m.Data.Span) == "after fifteen minutes");
    }

    [Fact]
    public void The_same_seed_gives_the_same_consent_trace_byte_for_byte_and_another_seed_other_timings()
    {
        static IceSession Scripted(long seed)
        {
            var s = Call("symmetric", "full-cone", seed).RunFor(TimeSpan.FromMinutes(2));
            s.Bob.Leave();
            return s.RunFor(TimeSpan.FromMinutes(1));
        }
        var x = Scripted(7);
        var y = Scripted(7);
        Assert.Equal(x.Network.Trace.ToPcap(), y.Network.Trace.ToPcap());
        Assert.Equal(x.Network.Trace.Events.Select(e => e.ToString()), y.Network.Trace.Events.Select(e => e.ToString()));
        Assert.Equal(x.Alice.Agent.ConsentLostAt, y.Alice.Agent.ConsentLostAt);
        var z = Scripted(8);
        Assert.NotEqual(ConsentChecks(x, x.Alice).Select(c => c.Sent.Time - x.Alice.Agent.CompletedAt), ConsentChecks(z, z.Alice).Select(c => c.Sent.Time - z.Alice.Agent.CompletedAt));
    }

    [Theory]
    [InlineData("symmetric", "full-cone", false)]
    [InlineData("symmetric", "symmetric", true)]
    public void Consent_changes_nothing_before_selection_and_its_timers_do_not_keep_run_until_idle_going(string natA, string natB, bool turn)
    {
        // With a relay, the call's TURN refreshes and the server's expiry timers are background work too.
        var with = Call(natA, natB, turn: turn);
        var without = Call(natA, natB, consent: false, turn: turn);
        Assert.Equal(without.Outcome, with.Outcome);
        // Up to the moment both agents had chosen (where the call's Run returns), the same packets, byte for byte.
        static List<byte[]> Wire(IceSession s) => [.. s.Network.Trace.Events.Where(e => e.IsWirePacket).Select(e => e.Bytes!)];
        var ice = Wire(with);
        Assert.True(ice.Count > 10);
        Assert.Equal(ice, Wire(without).Take(ice.Count));

        var before = with.Network.Now;
        with.Network.RunUntilIdle();
        Assert.True(with.Network.Now < before + TimeSpan.FromSeconds(4), $"RunUntilIdle ran to {with.Network.Now}");
        Assert.Equal(0, with.Alice.Agent.ConsentChecksSent);
        with.RunFor(TimeSpan.FromSeconds(10));
        Assert.True(with.Alice.Agent.ConsentChecksSent >= 1);
        Assert.Equal(0, without.RunFor(TimeSpan.FromSeconds(10)).Alice.Agent.ConsentChecksSent);
    }
}
