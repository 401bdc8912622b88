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

    /// <summary>ICE fails if no pair is selected this long after the checks start.</summary>
    public TimeSpan Timeout
    {
        get;
        init => field = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(Timeout), value, "The timeout must be positive.");
    } = TimeSpan.FromSeconds(60);

    /// <summary>Keep the agent's step-by-step <see cref="IceAgent.Log"/> (off for large populations).</summary>
    public bool KeepLog { get; init; } = true;

    public int MaxPairs
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxPairs), value, "At least one pair.");
    } = CheckList.DefaultMaxPairs;
}
