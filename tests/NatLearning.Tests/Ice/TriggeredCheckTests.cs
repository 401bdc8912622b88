using System.Net;
using NatLearning.Ice;
using NatLearning.Protocols;
using NatLearning.Stun;
using NatLearning.Stun.Attributes;

namespace NatLearning.Tests.Ice;

/// <summary>RFC 8445 §7.3.1.4 (a triggered check on an In-Progress pair) and §8.1.2 (what nomination does to checks in flight).</summary>
public class TriggeredCheckTests
{
    [Fact]
    public void A_check_from_the_peer_on_an_in_progress_pair_cancels_its_transaction_and_sends_a_new_check()
    {
        // Alice's first check is lost, so her pair is In-Progress, waiting 500 ms to retransmit, when Bob's check arrives.
        var lost = 0;
        var h = new AgentHarness(drop: d => AgentHarness.IsRequestFrom(d, AgentHarness.AEndpoint) && lost++ == 0);
        h.Exchange();
        h.Run(TimeSpan.FromSeconds(5));

        var alices = h.Sent.Where(s => s.From == "Alice" && s.Message.Class == StunClass.Request).ToList();
        var first = alices[0];
        // "Cancellation means that the agent will not retransmit the Binding requests associated with the connectivity-check transaction."
        Assert.Single(alices, s => s.Message.TransactionId == first.Message.TransactionId);
        // "... the agent MUST enqueue the pair in the triggered checklist ... in order to trigger a new connectivity check":
        // a new transaction, sent as soon as Ta allows after Bob's check came in at 10 ms, not at the 500 ms retransmission.
        var second = alices[1];
        Assert.NotEqual(first.Message.TransactionId, second.Message.TransactionId);
        Assert.Null(second.Message.Get<UseCandidate>());
        Assert.True(second.At < TimeSpan.FromMilliseconds(500), $"the new check left at {second.At.TotalMilliseconds} ms");
        var cancelled = Assert.Single(h.Events(h.A).OfType<IceEvent.CheckCancelled>());
        Assert.Contains("its check is cancelled and a new triggered check queued (RFC 8445 §7.3.1.4)", cancelled.Describe(), StringComparison.Ordinal);
        Assert.Equal(IceAgentState.Completed, h.A.State);
        Assert.Equal(IceAgentState.Completed, h.B.State);
    }

    [Fact]
    public void Nomination_lets_a_higher_priority_check_in_flight_go_on_and_the_selection_only_cancels_it()
    {
        // A remote candidate above Bob's host one (priority 2^31 - 1) whose path takes 1 s each way: its check is still
        // in flight when Alice nominates the working host pair.
        var far = new IPEndPoint(IPAddress.Parse("203.0.113.9"), 7000);
        bool Far(Datagram d) => d.Remote.Equals(far) || d.Local.Equals(far);
        var h = new AgentHarness(options: new IceOptions { NominationDelay = TimeSpan.FromMilliseconds(1150) }, delay: TimeSpan.FromMilliseconds(100),
            delayOf: d => Far(d) ? TimeSpan.FromSeconds(1) : null);
        var farCandidate = new Candidate(CandidateType.Host, far, far, "far", priority: Candidate.MaxPriority);
        h.A.SetRemoteDescription(h.Now, new IceDescription(h.B.LocalCredentials, [farCandidate, .. h.B.LocalDescription.Candidates]));
        h.B.SetRemoteDescription(h.Now, h.A.LocalDescription);
        h.Run(TimeSpan.FromSeconds(10));

        var farPair = h.A.CheckList.Find(AgentHarness.AEndpoint, far)!;
        Assert.True(farPair.Priority > h.A.SelectedPair!.Priority);
        var nominatedAt = h.Sent.Single(s => s.Message.Get<UseCandidate>() is not null).At;
        var selectedAt = h.Events(h.A).OfType<IceEvent.Selected>().Single().Time;
        var farChecks = h.Sent.Where(s => s.From == "Alice" && s.Message.Class == StunClass.Request && farPair.CheckTransactions.Contains(s.Message.TransactionId)).ToList();
        // RFC 8445 §8.1.1: while the nomination is in flight the checks go on; the far pair's check is retransmitted then.
        Assert.Contains(farChecks, s => s.At > nominatedAt && s.At < selectedAt);
        // §8.1.2: once nominated, its In-Progress transaction is cancelled: no retransmission after the selection ...
        Assert.DoesNotContain(farChecks, s => s.At > selectedAt);
        // ... "but will wait the duration of the transaction timeout for a response": the late answer is taken, and
        // ICE does not nominate a second pair (§8.1.1).
        Assert.Equal(CandidatePairState.Succeeded, farPair.State);
        Assert.True(farPair.AnsweredAfterSelection);
        Assert.NotEqual(far, h.A.SelectedPair.Remote.Address);
        Assert.Single(h.Sent, s => s.Message.Get<UseCandidate>() is not null);
    }
}
