using NatLearning.Stun;

namespace NatLearning.Ice;

/// <summary>The knobs of an ICE agent; the defaults are the RFC's.</summary>
public sealed record IceOptions
{
    public static IceOptions Default { get; } = new();

    /// <summary>The pacing interval Ta: one new STUN transaction at most every Ta (RFC 8445 §14.2, default 50 ms).</summary>
    public TimeSpan Ta
    {
        get;
        init => field = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(Ta), value, "Ta must be positive.");
    } = TimeSpan.FromMilliseconds(50);

    /// <summary>Retransmissions of a check; its RTO is recomputed per check as RFC 8445 §14.3 says.</summary>
    public StunRetransmission CheckRetransmission { get; init; } = StunRetransmission.Rfc8489;

    /// <summary>Retransmissions of the Binding requests that gather server-reflexive candidates.</summary>
    public StunRetransmission GatheringRetransmission { get; init; } = StunRetransmission.Rfc8489;

    /// <summary>How long the controlling agent waits after the first valid pair for a better one before it nominates (regular nomination, RFC 8445 §8.1.1).</summary>
    public TimeSpan NominationDelay
    {
        get;
        init => field = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(NominationDelay), value, "The delay cannot be negative.");
    } = TimeSpan.FromMilliseconds(500);

    /// <summary>ICE fails if no pair is selected this long after the checks start, or if the peer's description has not come this long after gathering.</summary>
    public TimeSpan Timeout
    {
        get;
        init => field = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(Timeout), value, "The timeout must be positive.");
    } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// After a pair is selected, keep checking it: consent freshness (RFC 7675), whose checks are also the keepalives
    /// that stop the NATs on the path from expiring their mappings (RFC 8445 §11). Off by default, so that a session ends
    /// when ICE has chosen (as in the grids and the population); turn it on, then advance the call with
    /// <c>Lab.IceSession.RunFor</c>. Consent timers run in the simulation's background: they never keep RunUntilIdle going.
    /// </summary>
    public bool ConsentFreshness { get; init; }

    /// <summary>The basic period between consent checks; each wait is drawn uniformly from 0.8–1.2 × this (RFC 7675 §5.1, 5 s).</summary>
    public TimeSpan ConsentInterval
    {
        get;
        init => field = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(ConsentInterval), value, "The consent interval must be positive.");
    } = TimeSpan.FromSeconds(5);

    /// <summary>The range consent checks are spaced in, for people: "4–6 s".</summary>
    internal string ConsentSpacing => $"{0.8 * ConsentInterval.TotalSeconds:0.#}–{1.2 * ConsentInterval.TotalSeconds:0.#} s";

    /// <summary>Consent expires when no check sent this long ago or later has been answered (RFC 7675 §5.1, 30 s).</summary>
    public TimeSpan ConsentTimeout
    {
        get;
        init => field = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(ConsentTimeout), value, "The consent timeout must be positive.");
    } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Put host candidates in the description sent to the peer (the default). False keeps the private addresses to
    /// ourselves, as browsers do for privacy (RFC 8828; or the peer cannot resolve their mDNS names): the peer then
    /// learns only server-reflexive and relayed candidates, and two peers behind one NAT can meet only through it (hairpinning).
    /// </summary>
    public bool ShareHostCandidates { get; init; } = true;

    /// <summary>
    /// Report every step as an <see cref="IceEvent"/> (each check sent, answered, failed or cancelled, each pair state
    /// change), not only the milestones; off for large populations, where nobody reads them.
    /// </summary>
    public bool ReportSteps { get; init; } = true;

    /// <summary>How this agent nominates when it is the controlling one (regular by default, as RFC 8445 requires).</summary>
    public NominationMode Nomination { get; init; } = NominationMode.Regular;

    public int MaxPairs
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxPairs), value, "At least one pair.");
    } = CheckList.DefaultMaxPairs;
}
