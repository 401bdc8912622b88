using System.Net;

namespace NatLearning.Ice;

/// <summary>
/// What an ICE agent reports as it discovers, tests and chooses, polled from <see cref="IceAgent.TryPollEvent"/>. The
/// milestones (candidates, nomination, selection, failure) always come; the steps in between (each check sent, each
/// answer, each cancelled transaction) only with <see cref="IceOptions.ReportSteps"/>. Each says in the RFC's words what
/// happened: <see cref="Describe"/>.
/// </summary>
public abstract record IceEvent(TimeSpan Time)
{
    /// <summary>One line in the RFC's words, e.g. "check 192.168.0.10:5000 → 88.20.15.90:7000 with USE-CANDIDATE".</summary>
    public abstract string Describe();

    public sealed override string ToString() => $"{Time.TotalSeconds:0.000} s {Describe()}";

    private static string Of(CandidatePair p) => $"{p.Local.Type.SdpName()} {p.Local.Address} ⇄ {p.Remote.Type.SdpName()} {p.Remote.Address}";

    // ---------------------------------------------------------------- discover

    /// <summary>A local candidate was found (the Trickle ICE page's rows).</summary>
    public sealed record CandidateGathered(TimeSpan Time, Candidate Candidate) : IceEvent(Time)
    {
        public override string Describe() => $"candidate {Candidate.ToSdp()}";
    }

    /// <summary>Server-reflexive gathering began (RFC 8445 §5.1.1.1): one Binding request per host candidate, one every Ta.</summary>
    public sealed record GatheringStarted(TimeSpan Time, IPEndPoint StunServer, int HostCandidates) : IceEvent(Time)
    {
        public override string Describe() => $"gathering: Binding requests to STUN server {StunServer} from {HostCandidates} host candidate(s)";
    }

    /// <summary>A server-reflexive address equal to a host candidate (no NAT in the way) is redundant and removed (RFC 8445 §5.1.3).</summary>
    public sealed record ServerReflexivePruned(TimeSpan Time, IPEndPoint Mapped) : IceEvent(Time)
    {
        public override string Describe() => $"server-reflexive {Mapped} is the same as a host candidate (no NAT in the way): redundant, pruned";
    }

    /// <summary>The STUN server gave no server-reflexive address for a host candidate (an error answer, or none).</summary>
    public sealed record ServerReflexiveMissing(TimeSpan Time, IPEndPoint From, string Why) : IceEvent(Time)
    {
        public override string Describe() => $"no server-reflexive candidate from {From}: {Why}";
    }

    /// <summary>The TURN allocation failed, so gathering goes on without a relayed candidate.</summary>
    public sealed record RelayMissing(TimeSpan Time, string Why) : IceEvent(Time)
    {
        public override string Describe() => $"no relayed candidate: {Why}";
    }

    /// <summary>Gathering finished; the description can be sent to the peer.</summary>
    public sealed record GatheringComplete(TimeSpan Time, IceDescription Description) : IceEvent(Time)
    {
        public override string Describe() => $"gathering complete: {Description.Candidates.Count} candidate(s) to send";
    }

    // ---------------------------------------------------------------- test

    /// <summary>The peer's ufrag, password and candidates arrived over signalling.</summary>
    public sealed record RemoteDescriptionSet(TimeSpan Time, string Ufrag, int Candidates) : IceEvent(Time)
    {
        public override string Describe() => $"remote description: ufrag {Ufrag}, {Candidates} candidate(s)";
    }

    /// <summary>The check list was formed and its first pairs unfrozen (RFC 8445 §6.1.2).</summary>
    public sealed record ChecksStarted(TimeSpan Time, int Pairs, int Waiting) : IceEvent(Time)
    {
        public override string Describe() => $"check list formed: {Pairs} pair(s), {Waiting} Waiting, the rest Frozen";
    }

    /// <summary>A connectivity check left (RFC 8445 §7.2.2), with USE-CANDIDATE when it nominates.</summary>
    public sealed record CheckSent(TimeSpan Time, CandidatePair Pair, bool UseCandidate) : IceEvent(Time)
    {
        public override string Describe() => $"check {Pair.Local.Base} → {Pair.Remote.Address}{(UseCandidate ? " with USE-CANDIDATE" : "")}";
    }

    /// <summary>
    /// A check from the peer came in on a pair whose own check was In-Progress: that transaction is cancelled and a new
    /// triggered check queued (RFC 8445 §7.3.1.4).
    /// </summary>
    public sealed record CheckCancelled(TimeSpan Time, CandidatePair Pair) : IceEvent(Time)
    {
        public override string Describe() => $"pair {Pair.Local.Base} → {Pair.Remote.Address} was In-Progress: its check is cancelled and a new triggered check queued (RFC 8445 §7.3.1.4)";
    }

    /// <summary>A check from the peer was refused before it could count (e.g. PRIORITY above 2^31 - 1, RFC 8445 §5.1.2.1).</summary>
    public sealed record CheckRefused(TimeSpan Time, IPEndPoint From, string Reason) : IceEvent(Time)
    {
        public override string Describe() => $"check from {From} refused: {Reason}";
    }

    /// <summary>A check was answered (RFC 8445 §7.2.5.3): the pair succeeded and <paramref name="Valid"/> joined the valid list.</summary>
    public sealed record PairSucceeded(TimeSpan Time, CandidatePair Pair, CandidatePair Valid, TimeSpan Rtt) : IceEvent(Time)
    {
        public override string Describe() => $"pair succeeded (RTT {Rtt.TotalMilliseconds:0.#} ms); valid pair {Of(Valid)}";
    }

    /// <summary>A pair failed: no answer after every retransmission, an error answer, or a non-symmetric one (RFC 8445 §7.2.5.2).</summary>
    public sealed record PairFailed(TimeSpan Time, CandidatePair Pair, string Reason) : IceEvent(Time)
    {
        public override string Describe() => $"pair {Pair.Local.Base} → {Pair.Remote.Address} failed: {Reason}";
    }

    /// <summary>A pair moved from one state to another (Frozen → Waiting → In-Progress → Succeeded or Failed); reported with <see cref="IceOptions.ReportSteps"/>.</summary>
    public sealed record PairStateChanged(TimeSpan Time, CandidatePair Pair, CandidatePairState From, CandidatePairState To) : IceEvent(Time)
    {
        public override string Describe() => $"pair {Of(Pair)}: {From} → {To}";
    }

    /// <summary>A peer-reflexive candidate was learned from a check (RFC 8445 §7.2.5.3.1 local, §7.3.1.3 remote).</summary>
    public sealed record PeerReflexiveLearned(TimeSpan Time, Candidate Candidate, bool Local) : IceEvent(Time)
    {
        public override string Describe() => Local
            ? $"learned local peer-reflexive {Candidate.Address}: the peer saw our check from there"
            : $"learned remote peer-reflexive {Candidate.Address}: a check came from an address the peer did not announce";
    }

    /// <summary>A role conflict was resolved (RFC 8445 §7.3.1.1) and this agent switched role.</summary>
    public sealed record RoleChanged(TimeSpan Time, IceRole Role, string Why) : IceEvent(Time)
    {
        public override string Describe() => $"role conflict: now {Role} ({Why})";
    }

    /// <summary>
    /// A check or an answer was dropped unprocessed: its FINGERPRINT was missing or wrong (RFC 8445 §7.2.4, RFC 8489
    /// §7.3), or an answer's MESSAGE-INTEGRITY was missing or did not verify (RFC 8489 §9.1.4).
    /// </summary>
    public sealed record MessageDiscarded(TimeSpan Time, IPEndPoint From, string Reason) : IceEvent(Time)
    {
        public override string Describe() => $"discarded {Reason}";
    }

    // ---------------------------------------------------------------- choose

    /// <summary>The controlling agent chose the best valid pair and checks it again with USE-CANDIDATE (RFC 8445 §8.1.1).</summary>
    public sealed record NominationStarted(TimeSpan Time, CandidatePair Pair) : IceEvent(Time)
    {
        public override string Describe() => $"nominating {Of(Pair)} (priority 0x{Pair.Priority:x16})";
    }

    /// <summary>A pair was nominated (RFC 8445 §8.1.1).</summary>
    public sealed record PairNominated(TimeSpan Time, CandidatePair Pair) : IceEvent(Time)
    {
        public override string Describe() => $"nominated {Of(Pair)}";
    }

    /// <summary>ICE completed with this pair.</summary>
    public sealed record Selected(TimeSpan Time, CandidatePair Pair) : IceEvent(Time)
    {
        public override string Describe() => $"selected {Of(Pair)}";
    }

    /// <summary>
    /// A check cancelled when another pair was selected was answered after all (RFC 8445 §8.1.2): the pair is Succeeded,
    /// but ICE does not nominate again (§8.1.1).
    /// </summary>
    public sealed record AnsweredAfterSelection(TimeSpan Time, CandidatePair Pair, TimeSpan Rtt) : IceEvent(Time)
    {
        public override string Describe() => $"pair {Pair.Local.Base} → {Pair.Remote.Address} answered after the selection (RTT {Rtt.TotalMilliseconds:0.#} ms); ICE does not nominate again (RFC 8445 §8.1.1)";
    }

    /// <summary>ICE failed.</summary>
    public sealed record Failed(TimeSpan Time, string Reason) : IceEvent(Time)
    {
        public override string Describe() => $"ICE failed: {Reason}";
    }

    // ---------------------------------------------------------------- keep

    /// <summary>Consent freshness began on the selected pair (RFC 7675 §5.1).</summary>
    public sealed record ConsentStarted(TimeSpan Time, TimeSpan Interval, TimeSpan Timeout) : IceEvent(Time)
    {
        // RFC 7675 §5.1: each wait is 0.8–1.2 × the interval.
        public override string Describe() => $"consent freshness: a consent check every {0.8 * Interval.TotalSeconds:0.#}–{1.2 * Interval.TotalSeconds:0.#} s; consent lapses {Timeout.TotalSeconds:0} s after the last answered one was sent";
    }

    /// <summary>A consent check left on the selected pair (RFC 7675 §5.1).</summary>
    public sealed record ConsentCheckSent(TimeSpan Time, CandidatePair Pair) : IceEvent(Time)
    {
        public override string Describe() => $"consent check {Pair.Local.Base} → {Pair.Remote.Address}";
    }

    /// <summary>
    /// Consent freshness (RFC 7675 §5.1): no consent check on the selected pair was answered for the consent timeout
    /// (30 s), so the agent stopped sending on it and has no selected pair any more.
    /// </summary>
    public sealed record ConsentLost(TimeSpan Time, CandidatePair Pair, string Reason) : IceEvent(Time)
    {
        public override string Describe() => $"{Reason}; stops sending on {Pair.Local.Base} ⇄ {Pair.Remote.Address}";
    }

    /// <summary>Application data (media, anything not STUN) arrived after ICE completed.</summary>
    public sealed record DataReceived(TimeSpan Time, IPEndPoint From, ReadOnlyMemory<byte> Data) : IceEvent(Time)
    {
        public override string Describe() => $"{Data.Length} byte(s) of data from {From}";
    }
}
