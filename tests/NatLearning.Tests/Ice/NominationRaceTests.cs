using NatLearning.Ice;
using NatLearning.Stun;
using NatLearning.Stun.Attributes;

namespace NatLearning.Tests.Ice;

/// <summary>
/// RFC 8445 §7.3.1.4 with §8.1.1: a pair whose first check was cancelled by a triggered check gets two answers. When the
/// first one makes it valid and the controlling agent nominates it, the second must not swallow the queued nomination check.
/// </summary>
public class NominationRaceTests
{
    [Fact]
    public void The_answer_to_a_re_check_that_lands_after_the_nomination_was_queued_does_not_cancel_the_nomination()
    {
        // Alice's first check takes 60 ms to reach Bob; Bob's own check reaches her at 10 ms, so she cancels it and checks
        // again at Ta (50 ms). Both answers then arrive at 70 ms: the first makes the pair valid and queues the nomination,
        // the second answers the re-check.
        var requests = 0;
        var h = new AgentHarness(delayOf: d => AgentHarness.IsRequestFrom(d, AgentHarness.AEndpoint) && requests++ == 0 ? TimeSpan.FromMilliseconds(60) : null);
        h.Exchange();
        h.Run(TimeSpan.FromSeconds(3));

        var alices = h.Sent.Where(s => s.From == "Alice" && s.Message.Class == StunClass.Request).ToList();
        Assert.True(alices.Count >= 3, $"Alice sent {alices.Count} check(s)");
        Assert.Null(alices[1].Message.Get<UseCandidate>());   // the triggered re-check
        var nomination = Assert.Single(alices, s => s.Message.Get<UseCandidate>() is not null);
        Assert.True(nomination.At < TimeSpan.FromMilliseconds(200), $"the nomination check left at {nomination.At.TotalMilliseconds} ms");
        Assert.Equal(IceAgentState.Completed, h.A.State);
        Assert.Equal(IceAgentState.Completed, h.B.State);
    }
}
