using System.Net;
using NatLearning.Ice;
using NatLearning.Stun;
using NatLearning.Stun.Attributes;

namespace NatLearning.Tests.Ice;

/// <summary>Aggressive nomination (RFC 5245 §8.1.1.2), as older stacks send it, against RFC 8445's regular nomination.</summary>
public class AggressiveNominationTests
{
    private static readonly IceOptions Aggressive = new() { Nomination = NominationMode.Aggressive };

    [Fact]
    public void Every_check_of_the_controlling_agent_carries_use_candidate_and_the_first_success_completes_both()
    {
        var h = new AgentHarness(options: Aggressive);
        h.Exchange();
        h.Run(TimeSpan.FromSeconds(5));

        var alices = h.Sent.Where(s => s.From == "Alice" && s.Message.Class == StunClass.Request).ToList();
        Assert.NotEmpty(alices);
        Assert.All(alices, s => Assert.NotNull(s.Message.Get<UseCandidate>()));
        Assert.DoesNotContain(h.Sent, s => s.From == "Bob" && s.Message.Class == StunClass.Request && s.Message.Get<UseCandidate>() is not null);
        Assert.Equal(IceAgentState.Completed, h.A.State);
        Assert.Equal(IceAgentState.Completed, h.B.State);
        Assert.DoesNotContain(h.Events(h.A), e => e is IceEvent.NominationStarted);   // no separate nominating check
    }

    [Fact]
    public void It_completes_a_round_trip_sooner_than_regular_nomination_on_the_same_seed()
    {
        TimeSpan Completed(IceOptions? options)
        {
            var h = new AgentHarness(options: options, delay: TimeSpan.FromMilliseconds(40));
            h.Exchange();
            h.Run(TimeSpan.FromSeconds(5));
            Assert.Equal(IceAgentState.Completed, h.A.State);
            return h.A.CompletedAt!.Value;
        }
        var regular = Completed(null);
        var aggressive = Completed(Aggressive);
        // Regular nomination checks the chosen pair once more with USE-CANDIDATE: at least one more round trip (2 × 40 ms).
        Assert.True(regular - aggressive >= TimeSpan.FromMilliseconds(80), $"regular {regular.TotalMilliseconds} ms, aggressive {aggressive.TotalMilliseconds} ms");
    }

    [Fact]
    public void With_two_candidates_it_takes_the_quickest_pair_where_regular_nomination_waits_for_the_best()
    {
        // A remote candidate of higher priority whose path takes 300 ms each way: aggressive nomination has already
        // chosen the quick pair by then; regular nomination waits (NominationDelay) and picks the better one.
        var far = new IPEndPoint(IPAddress.Parse("203.0.113.9"), 7000);
        bool Far(Protocols.Datagram d) => d.Remote.Equals(far) || d.Local.Equals(far);
        IceAgent Run(IceOptions options)
        {
            var h = new AgentHarness(options: options, delayOf: d => Far(d) ? TimeSpan.FromMilliseconds(300) : null);
            var farCandidate = new Candidate(CandidateType.Host, far, far, "far", priority: Candidate.MaxPriority);
            h.A.SetRemoteDescription(h.Now, new IceDescription(h.B.LocalCredentials, [farCandidate, .. h.B.LocalDescription.Candidates]));
            h.B.SetRemoteDescription(h.Now, h.A.LocalDescription);
            h.Run(TimeSpan.FromSeconds(10));
            return h.A;
        }
        // The harness carries every datagram to the other agent, so the far address is Bob's too, on a slow path.
        var aggressive = Run(Aggressive);
        var regular = Run(new IceOptions { NominationDelay = TimeSpan.FromSeconds(1) });
        Assert.Equal(IceAgentState.Completed, aggressive.State);
        Assert.NotEqual(far, aggressive.SelectedPair!.Remote.Address);   // the first pair to answer
        Assert.Equal(far, regular.SelectedPair!.Remote.Address);        // the best pair, once its answer came (RFC 8445 §8.1.1)
    }
}
