namespace NatLearning.Ice;

/// <summary>
/// A local candidate paired with a remote one (RFC 8445 §6.1.2): the unit ICE checks. It carries its state in the
/// check list and what its checks saw, as chrome://webrtc-internals shows it.
/// </summary>
public sealed class CandidatePair
{
    internal CandidatePair(Candidate local, Candidate remote, IceRole role)
    {
        Local = local;
        Remote = remote;
        UpdatePriority(role);
    }

    public Candidate Local { get; }
    public Candidate Remote { get; }

    /// <summary>The pair foundation: the local and remote foundations joined (RFC 8445 §6.1.2.6).</summary>
    public string Foundation => field ??= $"{Local.Foundation}:{Remote.Foundation}";

    public int Component => Local.Component;
    public CandidatePairState State { get; internal set; } = CandidatePairState.Frozen;
    public ulong Priority { get; private set; }

    /// <summary>The controlling agent sent USE-CANDIDATE for this pair and it succeeded, or the controlled agent got it (RFC 8445 §7.2.5.3.4, §7.3.1.5).</summary>
    public bool Nominated { get; internal set; }

    /// <summary>The peer sent USE-CANDIDATE before our own check succeeded: nominate once it does (RFC 8445 §7.3.1.5).</summary>
    internal bool NominateOnSuccess { get; set; }

    /// <summary>The transaction ids of the checks sent on this pair (to find them in a trace).</summary>
    public IReadOnlyList<Stun.TransactionId> CheckTransactions => _checks;
    private readonly List<Stun.TransactionId> _checks = [];
    internal void AddCheck(Stun.TransactionId id) => _checks.Add(id);

    public int RequestsSent { get; internal set; }
    public int ResponsesReceived { get; internal set; }
    public int RequestsReceived { get; internal set; }
    public TimeSpan? Rtt { get; internal set; }
    public TimeSpan? SucceededAt { get; internal set; }

    /// <summary>Its check was cancelled when another pair was selected, and the answer came afterwards (RFC 8445 §8.1.2): it works, but ICE does not nominate twice.</summary>
    public bool AnsweredAfterSelection { get; internal set; }

    /// <summary>Why the pair failed, in words; null unless <see cref="State"/> is Failed.</summary>
    public string? FailureReason { get; internal set; }

    /// <summary>The candidate priorities of the controlling (G) and controlled (D) agent, by our role.</summary>
    internal void UpdatePriority(IceRole role) => Priority = role == IceRole.Controlling
        ? ComputePriority(Local.Priority, Remote.Priority)
        : ComputePriority(Remote.Priority, Local.Priority);

    /// <summary>The pair priority from the controlling agent's candidate priority G and the controlled one's D.</summary>
    public static ulong ComputePriority(uint g, uint d) =>
        // RFC 8445 §6.1.2.3: pair priority = 2^32*MIN(G,D) + 2*MAX(G,D) + (G>D?1:0).
        (1UL << 32) * Math.Min(g, d) + 2UL * Math.Max(g, d) + (g > d ? 1UL : 0UL);

    /// <summary>The pair's kind by its least direct end: relay, then prflx, then srflx, else host.</summary>
    public CandidateType Kind =>
        Local.Type == CandidateType.Relayed || Remote.Type == CandidateType.Relayed ? CandidateType.Relayed
        : Local.Type == CandidateType.PeerReflexive || Remote.Type == CandidateType.PeerReflexive ? CandidateType.PeerReflexive
        : Local.Type == CandidateType.ServerReflexive || Remote.Type == CandidateType.ServerReflexive ? CandidateType.ServerReflexive
        : CandidateType.Host;

    public override string ToString() =>
        $"{Local.Type.SdpName()} {Local.Address} ⇄ {Remote.Type.SdpName()} {Remote.Address} [{State}, 0x{Priority:x16}{(Nominated ? ", nominated" : "")}]";
}
