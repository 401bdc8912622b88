using System.Net;
using NatLearning.Ice;
using NatLearning.Protocols;
using NatLearning.Simulation;
using NatLearning.Stun;
using NatLearning.Stun.Attributes;

namespace NatLearning.Tests.Ice;

/// <summary>
/// What the agent refuses to take in: checks and answers without a correct FINGERPRINT (RFC 8445 §7.2.4 with RFC 8489
/// §7.3), answers without a MESSAGE-INTEGRITY that verifies (RFC 8489 §9.1.4), and candidate priorities above 2^31 - 1
/// (RFC 8445 §5.1.2.1).
/// </summary>
public class IncomingMessageVerificationTests
{
    private static StunMessage CheckFromAlice(AgentHarness h, uint priority = 1845501695) =>
        new(StunMethod.Binding, StunClass.Request, TransactionId.New(new SeededRandom(4)),
            [new Username($"{h.B.LocalCredentials.Ufrag}:{h.A.LocalCredentials.Ufrag}"), new Priority(priority), new IceControlling(h.A.TieBreaker)]);

    private static byte[] KeyOf(IceAgent agent) => new ShortTermCredential("", agent.LocalCredentials.Password).Key;

    private static List<StunMessage> Drain(IceAgent agent)
    {
        var list = new List<StunMessage>();
        while (agent.TryPollTransmit(out var d)) list.Add(StunMessage.Parse(d.Payload.Span));
        return list;
    }

    private static byte[] WithBadFingerprint(byte[] bytes)
    {
        bytes[^1] ^= 0xFF;   // the CRC's last byte
        return bytes;
    }

    [Theory]
    [InlineData(false, "no FINGERPRINT")]
    [InlineData(true, "its FINGERPRINT is wrong")]
    public void A_check_without_a_correct_fingerprint_is_discarded_unanswered(bool present, string why)
    {
        var h = new AgentHarness();
        h.Exchange();
        Drain(h.B);
        var check = CheckFromAlice(h);
        var bytes = present ? WithBadFingerprint(check.Encode(KeyOf(h.B), fingerprint: true)) : check.Encode(KeyOf(h.B), fingerprint: false);
        h.B.HandleDatagram(TimeSpan.Zero, new Datagram(AgentHarness.BEndpoint, AgentHarness.AEndpoint, bytes));

        Assert.Empty(Drain(h.B));                      // RFC 8489 §7.3: silently discarded, no error response
        Assert.Equal(1, h.B.MessagesDiscarded);
        var e = Assert.Single(h.Events(h.B).OfType<IceEvent.MessageDiscarded>());
        Assert.Contains(why, e.Reason);
        Assert.Equal(0, h.B.CheckList.Pairs.Sum(p => p.RequestsReceived));
    }

    [Fact]
    public void A_check_without_message_integrity_gets_400_and_one_with_the_wrong_key_401()
    {
        // RFC 8489 §9.1.3 (RFC 8445 §7.3): answered with an error, without integrity, and not taken as a check.
        var h = new AgentHarness();
        h.Exchange();
        Drain(h.B);
        h.B.HandleDatagram(TimeSpan.Zero, new Datagram(AgentHarness.BEndpoint, AgentHarness.AEndpoint, CheckFromAlice(h).Encode(fingerprint: true)));
        h.B.HandleDatagram(TimeSpan.Zero, new Datagram(AgentHarness.BEndpoint, AgentHarness.AEndpoint, CheckFromAlice(h).Encode(KeyOf(h.A), fingerprint: true)));
        var answers = Drain(h.B);
        Assert.Equal([400, 401], answers.Select(a => a.Get<ErrorCode>()!.Code));
        Assert.All(answers, a => Assert.Null(a.Get<MessageIntegrity>()));
        Assert.Equal(0, h.B.CheckList.Pairs.Sum(p => p.RequestsReceived));
    }

    [Fact]
    public void Answers_without_fingerprint_or_with_missing_or_wrong_integrity_are_discarded_and_the_right_one_counts()
    {
        var h = new AgentHarness();
        h.Exchange();
        Assert.True(h.A.TryPollTransmit(out var sent));
        var check = StunMessage.Parse(sent.Payload.Span);
        var pair = h.A.CheckList.Find(AgentHarness.AEndpoint, AgentHarness.BEndpoint)!;
        var answer = check.SuccessResponse(new XorMappedAddress(AgentHarness.AEndpoint));
        void Answer(byte[] bytes) => h.A.HandleDatagram(TimeSpan.FromMilliseconds(20), new Datagram(AgentHarness.AEndpoint, AgentHarness.BEndpoint, bytes));

        Answer(answer.Encode(KeyOf(h.B), fingerprint: false));                       // no FINGERPRINT
        Answer(WithBadFingerprint(answer.Encode(KeyOf(h.B), fingerprint: true)));     // a wrong one
        Answer(answer.Encode(fingerprint: true));                                   // no MESSAGE-INTEGRITY
        Answer(answer.Encode(KeyOf(h.A), fingerprint: true));                       // keyed with the wrong password
        var reasons = h.Events(h.A).OfType<IceEvent.MessageDiscarded>().Select(e => e.Reason).ToList();
        Assert.Equal(4, h.A.MessagesDiscarded);
        Assert.Collection(reasons,
            r => Assert.Contains("no FINGERPRINT", r),
            r => Assert.Contains("its FINGERPRINT is wrong", r),
            r => Assert.Contains("no MESSAGE-INTEGRITY", r),
            r => Assert.Contains("its MESSAGE-INTEGRITY does not verify with the peer's password", r));
        Assert.Equal(CandidatePairState.InProgress, pair.State);   // RFC 8489 §9.1.4: "as if it were never received"
        Assert.Equal(0, pair.ResponsesReceived);

        Answer(answer.Encode(KeyOf(h.B), fingerprint: true));
        Assert.Equal(1, pair.ResponsesReceived);
        Assert.Same(pair, Assert.Single(h.A.ValidList.Pairs));   // then nominated at once: the only pair
    }

    [Theory]
    [InlineData(2147483647u, true)]
    [InlineData(2147483648u, false)]
    [InlineData(4294967295u, false)]
    public void Candidate_priorities_are_bounded_to_2_pow_31_minus_1_on_input(uint priority, bool accepted)
    {
        // RFC 8445 §5.1.2.1: "The priority MUST be a positive integer between 1 and (2**31 - 1), inclusive."
        var line = $"candidate:1 1 udp {priority} 198.51.100.7 5000 typ host";
        if (accepted)
        {
            Assert.Equal(priority, Candidate.ParseSdp(line).Priority);
            return;
        }
        var e = Assert.Throws<FormatException>(() => Candidate.ParseSdp(line));
        Assert.Contains("2^31 - 1", e.Message);
        Assert.Throws<FormatException>(() => IceDescription.Parse($"a=ice-ufrag:abcd\na=ice-pwd:abcdefghijklmnopqrstuv\na={line}\n"));
        var ep = new IPEndPoint(IPAddress.Parse("198.51.100.7"), 5000);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Candidate(CandidateType.Host, ep, ep, "1", priority: priority));

        // A check whose PRIORITY is above the bound gets 400 and teaches no peer-reflexive candidate.
        var h = new AgentHarness();
        h.Exchange();
        Drain(h.B);
        var from = new IPEndPoint(IPAddress.Parse("198.51.100.99"), 40000);
        h.B.HandleDatagram(TimeSpan.Zero, new Datagram(AgentHarness.BEndpoint, from, CheckFromAlice(h, priority).Encode(KeyOf(h.B), fingerprint: true)));
        Assert.Equal(400, Assert.Single(Drain(h.B)).Get<ErrorCode>()!.Code);
        Assert.DoesNotContain(h.B.RemoteCandidates, c => c.Type == CandidateType.PeerReflexive);
    }
}
