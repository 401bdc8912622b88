using System.Net;
using NatLearning.Ice;
using NatLearning.Protocols;
using NatLearning.Simulation;
using NatLearning.Stun;
using NatLearning.Stun.Attributes;

namespace NatLearning.Tests.Ice;

public class IceAgentTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    [Fact]
    public void Checks_are_real_stun_with_short_term_credentials_and_ice_attributes()
    {
        var h = new AgentHarness();
        h.Exchange();
        h.Run(Long);
        var request = h.Sent.First(s => s.From == "Alice" && s.Message.Class == StunClass.Request).Message;
        Assert.Equal($"{h.B.LocalCredentials.Ufrag}:{h.A.LocalCredentials.Ufrag}", request.Get<Username>()!.Value);
        Assert.Equal(Candidate.ComputePriority(110, 65535, 1), request.Get<Priority>()!.Value);
        Assert.Equal(h.A.TieBreaker, request.Get<IceControlling>()!.TieBreaker);
        Assert.Null(request.Get<IceControlled>());
        Assert.True(request.VerifyMessageIntegrity(new ShortTermCredential("", h.B.LocalCredentials.Password).Key));
        Assert.False(request.VerifyMessageIntegrity(new ShortTermCredential("", h.A.LocalCredentials.Password).Key));
        Assert.True(request.VerifyFingerprint());
        var bobs = h.Sent.First(s => s.From == "Bob" && s.Message.Class == StunClass.Request).Message;
        Assert.Equal(h.B.TieBreaker, bobs.Get<IceControlled>()!.TieBreaker);
    }

    [Fact]
    public void Regular_nomination_selects_the_same_pair_on_both_sides_with_one_use_candidate_check()
    {
        var h = new AgentHarness();
        h.Exchange();
        h.Run(Long);
        Assert.Equal(IceAgentState.Completed, h.A.State);
        Assert.Equal(IceAgentState.Completed, h.B.State);
        Assert.Equal(h.A.SelectedPair!.Local.Address, h.B.SelectedPair!.Remote.Address);
        Assert.Equal(h.A.SelectedPair.Remote.Address, h.B.SelectedPair.Local.Address);
        Assert.True(h.A.SelectedPair.Nominated && h.B.SelectedPair.Nominated);
        var nominations = h.Sent.Where(s => s.Message.Get<UseCandidate>() is not null).ToList();
        Assert.Single(nominations);
        Assert.Equal("Alice", nominations[0].From);
        // Regular nomination: the pair was checked without USE-CANDIDATE first, then again with it.
        var firstPlain = h.Sent.First(s => s.From == "Alice" && s.Message.Class == StunClass.Request).At;
        Assert.True(firstPlain < nominations[0].At);
        Assert.Contains(h.Events(h.B), e => e is IceEvent.Selected);
    }

    [Fact]
    public void Checks_are_paced_by_ta()
    {
        foreach (var ta in new[] { 20, 50 })
        {
            var remote = Enumerable.Range(0, 4).Select(i => new Candidate(CandidateType.Host, new IPEndPoint(IPAddress.Parse($"198.18.0.{i + 1}"), 9000), new IPEndPoint(IPAddress.Parse($"198.18.0.{i + 1}"), 9000), $"r{i}")).ToList();
            var h = new AgentHarness(options: new IceOptions { Ta = TimeSpan.FromMilliseconds(ta) }, drop: _ => true);
            h.A.SetRemoteDescription(h.Now, new IceDescription(h.B.LocalCredentials, [.. remote, .. h.B.LocalDescription.Candidates]));
            h.Run(TimeSpan.FromSeconds(1));
            var firsts = h.Sent.Where(s => s.From == "Alice").GroupBy(s => s.Message.TransactionId).Select(g => g.First().At).OrderBy(t => t).ToList();
            Assert.Equal(5, firsts.Count);
            for (var i = 1; i < firsts.Count; i++) Assert.Equal(TimeSpan.FromMilliseconds(ta), firsts[i] - firsts[i - 1]);
        }
    }

    [Fact]
    public void When_every_check_times_out_ice_fails_with_a_reason()
    {
        var h = new AgentHarness(drop: _ => true);
        h.Exchange();
        h.Run(TimeSpan.FromSeconds(100));
        Assert.Equal(IceAgentState.Failed, h.A.State);
        Assert.Equal(CheckListState.Failed, h.A.CheckList.State);
        Assert.All(h.A.CheckList.Pairs, p => Assert.Equal(CandidatePairState.Failed, p.State));
        Assert.Contains("no response to 7 request(s)", h.A.FailureReason);
        Assert.Contains(h.Events(h.A), e => e is IceEvent.Failed);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Two_controlling_agents_resolve_the_conflict_by_tie_breaker(bool aliceLarger)
    {
        var h = new AgentHarness(bobRole: IceRole.Controlling);
        h.A.TieBreaker = aliceLarger ? 0x9000_0000_0000_0000 : 0x1000_0000_0000_0000;
        h.B.TieBreaker = aliceLarger ? 0x1000_0000_0000_0000 : 0x9000_0000_0000_0000;
        h.Exchange();
        h.Run(Long);
        var (winner, loser) = aliceLarger ? (h.A, h.B) : (h.B, h.A);
        Assert.Equal(IceRole.Controlling, winner.Role);
        Assert.Equal(IceRole.Controlled, loser.Role);
        Assert.Equal(IceAgentState.Completed, h.A.State);
        Assert.Equal(IceAgentState.Completed, h.B.State);
        Assert.Contains(h.Events(loser), e => e is IceEvent.RoleChanged { Role: IceRole.Controlled });
        // Alice's check reaches Bob first (both start together, Alice's request is handled first): if Bob has the larger tie-breaker he answers 487.
        var conflicts = h.Sent.Where(s => s.Message.Class == StunClass.ErrorResponse && s.Message.Get<ErrorCode>()!.Code == 487).ToList();
        Assert.All(conflicts, c => Assert.Equal(winner.Name, c.From));
        Assert.True(conflicts.Count + h.Events(h.A).Concat(h.Events(h.B)).Count(e => e is IceEvent.RoleChanged) >= 1);
        // The pair priorities were recomputed for the new role: G is the controlling side's candidate.
        var p = loser.CheckList.Pairs[0];
        Assert.Equal(CandidatePair.ComputePriority(p.Remote.Priority, p.Local.Priority), p.Priority);
    }

    [Fact]
    public void Two_controlled_agents_also_settle_with_one_controlling()
    {
        var random = new SeededRandom(3);
        var h = new AgentHarness(bobRole: IceRole.Controlled);
        // Make Alice controlled too by a role conflict the other way: she starts Controlling, so flip via a fresh pair.
        var a = new IceAgent("A", IceRole.Controlled, random.Fork());
        var b = new IceAgent("B", IceRole.Controlled, random.Fork());
        Assert.Equal(IceRole.Controlled, a.Role);
        a.AddHostCandidate(TimeSpan.Zero, AgentHarness.AEndpoint);
        b.AddHostCandidate(TimeSpan.Zero, AgentHarness.BEndpoint);
        a.FinishGathering(TimeSpan.Zero);
        b.FinishGathering(TimeSpan.Zero);
        a.SetRemoteDescription(TimeSpan.Zero, b.LocalDescription);
        b.SetRemoteDescription(TimeSpan.Zero, a.LocalDescription);
        var now = TimeSpan.Zero;
        for (var i = 0; i < 2000 && (a.State == IceAgentState.Checking || b.State == IceAgentState.Checking); i++)
        {
            while (a.TryPollTransmit(out var d)) b.HandleDatagram(now, new Datagram(d.Remote, d.Local, d.Payload));
            while (b.TryPollTransmit(out var d)) a.HandleDatagram(now, new Datagram(d.Remote, d.Local, d.Payload));
            now += TimeSpan.FromMilliseconds(10);
            a.HandleTimeout(now);
            b.HandleTimeout(now);
        }
        Assert.NotEqual(a.Role, b.Role);
        Assert.Equal(a.TieBreaker > b.TieBreaker ? a : b, a.Role == IceRole.Controlling ? a : b);
        Assert.Equal(IceAgentState.Completed, a.State);
        Assert.Equal(IceAgentState.Completed, b.State);
    }

    [Fact]
    public void Requests_with_wrong_or_missing_credentials_are_refused()
    {
        var h = new AgentHarness();
        h.Exchange();
        var random = new SeededRandom(9);
        var wrongUser = StunMessage.Request(StunMethod.Binding, TransactionId.New(random), new Username("nobody:x"), new Priority(1), new IceControlling(1));
        h.B.HandleDatagram(TimeSpan.Zero, new Datagram(AgentHarness.BEndpoint, AgentHarness.AEndpoint, wrongUser.Encode(new ShortTermCredential("", h.B.LocalCredentials.Password).Key, fingerprint: true)));
        var noIntegrity = StunMessage.Request(StunMethod.Binding, TransactionId.New(random), new Username($"{h.B.LocalCredentials.Ufrag}:{h.A.LocalCredentials.Ufrag}"));
        h.B.HandleDatagram(TimeSpan.Zero, new Datagram(AgentHarness.BEndpoint, AgentHarness.AEndpoint, noIntegrity.Encode(fingerprint: true)));
        var wrongKey = StunMessage.Request(StunMethod.Binding, TransactionId.New(random), new Username($"{h.B.LocalCredentials.Ufrag}:{h.A.LocalCredentials.Ufrag}"));
        h.B.HandleDatagram(TimeSpan.Zero, new Datagram(AgentHarness.BEndpoint, AgentHarness.AEndpoint, wrongKey.Encode(new ShortTermCredential("", "wrong-password-wrong-pw").Key, fingerprint: true)));
        var codes = new List<int>();
        while (h.B.TryPollTransmit(out var d))
        {
            var m = StunMessage.Parse(d.Payload.Span);
            if (m.Class == StunClass.ErrorResponse) codes.Add(m.Get<ErrorCode>()!.Code);
        }
        Assert.Equal([401, 400, 401], codes);
        Assert.DoesNotContain(h.B.RemoteCandidates, c => c.Type == CandidateType.PeerReflexive);
    }

    [Fact]
    public void A_check_from_an_unknown_address_teaches_a_peer_reflexive_candidate_and_triggers_a_check()
    {
        var h = new AgentHarness();
        h.Exchange();
        while (h.B.TryPollTransmit(out _)) { }   // Bob's first ordinary check
        var nat = new IPEndPoint(IPAddress.Parse("198.51.100.99"), 40000);
        var request = new StunMessage(StunMethod.Binding, StunClass.Request, TransactionId.New(new SeededRandom(4)),
            [new Username($"{h.B.LocalCredentials.Ufrag}:{h.A.LocalCredentials.Ufrag}"), new Priority(Candidate.ComputePriority(110, 65535, 1)), new IceControlling(h.A.TieBreaker)]);
        h.B.HandleDatagram(TimeSpan.Zero, new Datagram(AgentHarness.BEndpoint, nat, request.Encode(new ShortTermCredential("", h.B.LocalCredentials.Password).Key, fingerprint: true)));
        var prflx = Assert.Single(h.B.RemoteCandidates, c => c.Type == CandidateType.PeerReflexive);
        Assert.Equal(nat, prflx.Address);
        Assert.Equal(Candidate.ComputePriority(110, 65535, 1), prflx.Priority);
        var pair = h.B.CheckList.Find(AgentHarness.BEndpoint, nat)!;
        Assert.Contains(pair, h.B.CheckList.TriggeredQueue);
        Assert.Equal(CandidatePairState.Waiting, pair.State);
        Assert.True(h.B.TryPollTransmit(out var response));
        var m = StunMessage.Parse(response.Payload.Span);
        Assert.Equal(StunClass.SuccessResponse, m.Class);
        Assert.Equal(nat, m.MappedEndPoint);
    }
}
