namespace NatLearning.Ice;

/// <summary>What an ICE agent reports as it discovers, tests and chooses.</summary>
public abstract record IceEvent(TimeSpan Time)
{
    /// <summary>A local candidate was found (the Trickle ICE page's rows).</summary>
    public sealed record CandidateGathered(TimeSpan Time, Candidate Candidate) : IceEvent(Time);

    /// <summary>Gathering finished; the description can be sent to the peer.</summary>
    public sealed record GatheringComplete(TimeSpan Time, IceDescription Description) : IceEvent(Time);

    /// <summary>A peer-reflexive candidate was learned from a check (RFC 8445 §7.2.5.3.1 local, §7.3.1.3 remote).</summary>
    public sealed record PeerReflexiveLearned(TimeSpan Time, Candidate Candidate, bool Local) : IceEvent(Time);

    /// <summary>A role conflict was resolved (RFC 8445 §7.3.1.1) and this agent switched role.</summary>
    public sealed record RoleChanged(TimeSpan Time, IceRole Role, string Why) : IceEvent(Time);

    /// <summary>A pair was nominated (RFC 8445 §8.1.1).</summary>
    public sealed record PairNominated(TimeSpan Time, CandidatePair Pair) : IceEvent(Time);

    /// <summary>ICE completed with this pair.</summary>
    public sealed record Selected(TimeSpan Time, CandidatePair Pair) : IceEvent(Time);

    /// <summary>A pair moved from one state to another (Frozen → Waiting → In-Progress → Succeeded or Failed); reported when <see cref="IceOptions.KeepLog"/> is on.</summary>
    public sealed record PairStateChanged(TimeSpan Time, CandidatePair Pair, CandidatePairState From, CandidatePairState To) : IceEvent(Time);

    /// <summary>
    /// Consent freshness (RFC 7675 §5.1): no consent check on the selected pair was answered for the consent timeout
    /// (30 s), so the agent stopped sending on it and has no selected pair any more.
    /// </summary>
    public sealed record ConsentLost(TimeSpan Time, CandidatePair Pair, string Reason) : IceEvent(Time);

    /// <summary>Application data (media, anything not STUN) arrived after ICE completed.</summary>
    public sealed record DataReceived(TimeSpan Time, System.Net.IPEndPoint From, ReadOnlyMemory<byte> Data) : IceEvent(Time);

    /// <summary>
    /// A check or an answer was dropped unprocessed: its FINGERPRINT was missing or wrong (RFC 8445 §7.2.4, RFC 8489
    /// §7.3), or an answer's MESSAGE-INTEGRITY was missing or did not verify (RFC 8489 §9.1.4).
    /// </summary>
    public sealed record MessageDiscarded(TimeSpan Time, System.Net.IPEndPoint From, string Reason) : IceEvent(Time);

    /// <summary>ICE failed.</summary>
    public sealed record Failed(TimeSpan Time, string Reason) : IceEvent(Time);
}
