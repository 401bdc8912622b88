using System.Net;

namespace NatLearning.Ice;

/// <summary>
/// The ordered list of candidate pairs for one data stream (RFC 8445 §6.1.2): formed from the local and remote
/// candidates, pruned, frozen by foundation, and worked through one check every Ta, triggered checks first.
/// </summary>
public sealed class CheckList
{
    /// <summary>RFC 8445 §6.1.2.5: an agent should limit the pairs in its check lists (default 100).</summary>
    public const int DefaultMaxPairs = 100;

    private readonly List<CandidatePair> _pairs = [];
    private readonly LinkedList<CandidatePair> _triggered = new();

    public IReadOnlyList<CandidatePair> Pairs => _pairs;
    public CheckListState State { get; internal set; } = CheckListState.Running;
    public ValidList Valid { get; } = new();

    /// <summary>Pairs waiting in the triggered-check queue (RFC 8445 §6.1.2.2), oldest first.</summary>
    public IReadOnlyCollection<CandidatePair> TriggeredQueue => _triggered;

    /// <summary>Pairs every local candidate with every remote one of the same component and family, then prunes and orders them (RFC 8445 §6.1.2.2–§6.1.2.5).</summary>
    public void Form(IEnumerable<Candidate> locals, IEnumerable<Candidate> remotes, IceRole role, int maxPairs = DefaultMaxPairs)
    {
        // RFC 8445 §6.1.2.4: a server-reflexive local candidate is replaced by its base, the host candidate, so its pairs are redundant.
        foreach (var l in locals.Where(c => c.Type is CandidateType.Host or CandidateType.Relayed))
            foreach (var r in remotes)
                TryAdd(l, r, role, out _);
        Prune(maxPairs);
    }

    /// <summary>Adds a pair for a local candidate (replaced by its base, §6.1.2.4) and a remote one, unless it is redundant.</summary>
    internal bool TryAdd(Candidate local, Candidate remote, IceRole role, out CandidatePair pair)
    {
        if (local.Component != remote.Component || local.Address.AddressFamily != remote.Address.AddressFamily)
        {
            pair = null!;
            return false;
        }
        // RFC 8445 §6.1.2.4: two pairs with the same local base and remote candidate are redundant; keep the first (higher priority).
        var existing = _pairs.FirstOrDefault(p => p.Local.Base.Equals(local.Base) && p.Remote.Address.Equals(remote.Address));
        if (existing is not null)
        {
            pair = existing;
            return false;
        }
        pair = new CandidatePair(local, remote, role);
        Insert(pair);
        return true;
    }

    private void Insert(CandidatePair pair)
    {
        var at = _pairs.FindIndex(p => p.Priority < pair.Priority);
        _pairs.Insert(at < 0 ? _pairs.Count : at, pair);
    }

    private void Prune(int maxPairs)
    {
        if (_pairs.Count > maxPairs) _pairs.RemoveRange(maxPairs, _pairs.Count - maxPairs);
    }

    /// <summary>Sets the initial states (RFC 8445 §6.1.2.6): for each foundation, the pair with the lowest component id and highest priority is Waiting; the rest stay Frozen.</summary>
    public void Unfreeze()
    {
        foreach (var group in _pairs.Where(p => p.State == CandidatePairState.Frozen).GroupBy(p => p.Foundation))
        {
            if (_pairs.Any(p => p.Foundation == group.Key && p.State != CandidatePairState.Frozen)) continue;
            var first = group.OrderBy(p => p.Component).ThenByDescending(p => p.Priority).First();
            first.State = CandidatePairState.Waiting;
        }
    }

    /// <summary>After a pair succeeds, pairs with its foundation go from Frozen to Waiting (RFC 8445 §7.2.5.3.3).</summary>
    internal void UnfreezeFoundation(string foundation)
    {
        foreach (var p in _pairs)
            if (p.Foundation == foundation && p.State == CandidatePairState.Frozen) p.State = CandidatePairState.Waiting;
    }

    /// <summary>Queues a triggered check (RFC 8445 §7.3.1.4); a pair already queued is not queued twice.</summary>
    internal void Trigger(CandidatePair pair)
    {
        pair.State = CandidatePairState.Waiting;
        if (!_triggered.Contains(pair)) _triggered.AddLast(pair);
    }

    /// <summary>
    /// The pair to check when Ta fires (RFC 8445 §6.1.4.2): the head of the triggered queue; else the highest-priority
    /// Waiting pair; else, if none waits, the highest-priority Frozen pair whose foundation has no pair Waiting or In-Progress.
    /// </summary>
    public CandidatePair? NextCheck()
    {
        while (_triggered.First is { } node)
        {
            _triggered.RemoveFirst();
            if (node.Value.State == CandidatePairState.Waiting) return node.Value;
        }
        var waiting = _pairs.FirstOrDefault(p => p.State == CandidatePairState.Waiting);
        if (waiting is not null) return waiting;
        var frozen = _pairs.FirstOrDefault(f => f.State == CandidatePairState.Frozen && !FoundationActive(f.Foundation));
        if (frozen is not null) frozen.State = CandidatePairState.Waiting;
        return frozen;
    }

    /// <summary>True when <see cref="NextCheck"/> would return a pair.</summary>
    public bool HasCheckToSend
    {
        get
        {
            // Asked on every timer and datagram, so loops rather than LINQ: no closure per call.
            foreach (var p in _triggered)
                if (p.State == CandidatePairState.Waiting) return true;
            foreach (var p in _pairs)
                if (p.State == CandidatePairState.Waiting) return true;
            foreach (var f in _pairs)
                if (f.State == CandidatePairState.Frozen && !FoundationActive(f.Foundation)) return true;
            return false;
        }
    }

    private bool FoundationActive(string foundation)
    {
        foreach (var p in _pairs)
            if (p.State is CandidatePairState.Waiting or CandidatePairState.InProgress && p.Foundation == foundation) return true;
        return false;
    }

    /// <summary>The pair sent from <paramref name="localBase"/> to <paramref name="remote"/>, if any.</summary>
    public CandidatePair? Find(IPEndPoint localBase, IPEndPoint remote) =>
        _pairs.FirstOrDefault(p => p.Local.Base.Equals(localBase) && p.Remote.Address.Equals(remote));

    /// <summary>Recomputes priorities after a role change (RFC 8445 §7.2.5.1) and reorders.</summary>
    internal void ChangeRole(IceRole role)
    {
        foreach (var p in _pairs) p.UpdatePriority(role);
        foreach (var p in Valid.Pairs) p.UpdatePriority(role);
        _pairs.Sort((a, b) => b.Priority.CompareTo(a.Priority));
        Valid.Resort();
    }

    /// <summary>True when no pair can still succeed: none is Frozen, Waiting or In-Progress.</summary>
    public bool AllDone
    {
        get
        {
            foreach (var p in _pairs)
                if (p.State is not (CandidatePairState.Succeeded or CandidatePairState.Failed)) return false;
            return true;
        }
    }

    internal void Add(CandidatePair pair) => Insert(pair);
}
