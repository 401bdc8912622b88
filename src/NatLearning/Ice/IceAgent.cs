using System.Net;
using NatLearning.Protocols;
using NatLearning.Stun;
using NatLearning.Stun.Attributes;

namespace NatLearning.Ice;

/// <summary>
/// A sans-I/O ICE agent (RFC 8445) for one data stream with one component: it discovers candidates, tests pairs with
/// STUN Binding checks and chooses one by regular nomination; with <see cref="IceOptions.ConsentFreshness"/> it then keeps
/// the chosen pair alive with consent checks (RFC 7675). It never touches a socket or a clock.
/// </summary>
/// <example>
/// <code>
/// var alice = new IceAgent("Alice", IceRole.Controlling, net.Random.Fork());
/// alice.AddHostCandidate(net.Now, socket.LocalEndPoint);            // discover
/// alice.GatherServerReflexive(net.Now, stun.Endpoint);
/// // ... send alice.LocalDescription to Bob, receive Bob's:
/// alice.SetRemoteDescription(net.Now, bobDescription);                // test
/// // ... drive it; then alice.SelectedPair                            // choose
/// </code>
/// </example>
public sealed class IceAgent : IProtocolMachine<IceEvent>, IStateReporter
{
    private readonly IRandomSource _random;
    private readonly Queue<Datagram> _transmit = new();
    private readonly Queue<IceEvent> _events = new();
    private readonly ClientTransactions<IceTransaction> _transactions = new();
    private readonly List<Candidate> _local = [];
    private readonly List<Candidate> _remote = [];
    private readonly Queue<IPEndPoint> _gatherQueue = new();
    private readonly List<(IPEndPoint Local, IPEndPoint Source, uint Priority, bool UseCandidate)> _early = [];
    private readonly Foundation _foundations = new();
    private readonly Dictionary<CandidatePair, CandidatePairState> _reportedStates = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<CandidatePair, CandidatePair> _validFor = [];   // checked pair → the valid pair its response proved
    private readonly Dictionary<TransactionId, TimeSpan> _consentChecks = [];    // consent check → when it was sent
    private TimeSpan? _nextConsentCheck;
    private IPEndPoint? _stunServer;
    private TimeSpan? _lastPaced;
    private TimeSpan? _checksStarted;
    private TimeSpan? _gatheredAt;
    private TimeSpan? _firstValid;
    private CandidatePair? _nominating;
    private int _remotePrflx;
    private int _relaysPending;

    public IceAgent(string name, IceRole role, IRandomSource random, IceOptions? options = null, IceCredentials? credentials = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Role = role;
        _random = random ?? throw new ArgumentNullException(nameof(random));
        Options = options ?? IceOptions.Default;
        LocalCredentials = credentials ?? IceCredentials.Generate(random);
        TieBreaker = random.NextUInt64();
    }

    public string Name { get; }
    public IceRole Role { get; private set; }
    /// <summary>The 64-bit number that settles role conflicts (RFC 8445 §7.3.1.1).</summary>
    public ulong TieBreaker { get; set; }
    public IceOptions Options { get; }
    public IceCredentials LocalCredentials { get; }
    public IceCredentials? RemoteCredentials { get; private set; }
    public IceAgentState State { get; private set; } = IceAgentState.Gathering;
    public IReadOnlyList<Candidate> LocalCandidates => _local;
    public IReadOnlyList<Candidate> RemoteCandidates => _remote;
    public CheckList CheckList { get; } = new();
    public ValidList ValidList => CheckList.Valid;
    public CandidatePair? SelectedPair { get; private set; }
    public string? FailureReason { get; private set; }
    public TimeSpan? ChecksStartedAt => _checksStarted;
    public TimeSpan? CompletedAt { get; private set; }

    /// <summary>With <see cref="IceOptions.ConsentFreshness"/>: when consent to send on the selected pair runs out unless a consent check is answered (RFC 7675 §5.1).</summary>
    public TimeSpan? ConsentExpiresAt { get; private set; }

    /// <summary>When the selected pair lost consent (the agent then stopped sending on it); null while it has consent.</summary>
    public TimeSpan? ConsentLostAt { get; private set; }

    /// <summary>Consent checks sent on the selected pair, and answers to them that renewed consent.</summary>
    public int ConsentChecksSent { get; private set; }
    public int ConsentResponsesReceived { get; private set; }

    /// <summary>Checks and answers dropped unprocessed for a bad FINGERPRINT or MESSAGE-INTEGRITY (see <see cref="IceEvent.MessageDiscarded"/>).</summary>
    public int MessagesDiscarded { get; private set; }

    public long PacketsSent { get; private set; }
    public long PacketsReceived { get; private set; }
    public long BytesSent { get; private set; }

    /// <summary>The description to send to the peer once gathering is done (RFC 8445 §5.3).</summary>
    public IceDescription LocalDescription => new(LocalCredentials,
        [.. _local.Where(c => c.Type != CandidateType.PeerReflexive && (Options.ShareHostCandidates || c.Type != CandidateType.Host))]);

    // ---------------------------------------------------------------- discover

    /// <summary>Adds a host candidate for a local socket (RFC 8445 §5.1.1.1).</summary>
    public Candidate AddHostCandidate(TimeSpan now, IPEndPoint local, int localPreference = Candidate.DefaultLocalPreference)
    {
        ArgumentNullException.ThrowIfNull(local);
        if (State != IceAgentState.Gathering) throw new InvalidOperationException($"{Name} has finished gathering; add host candidates before the description is sent.");
        if (_local.Any(c => c.Address.Equals(local))) throw new ArgumentException($"{Name} already has a candidate {local}.", nameof(local));
        var c = new Candidate(CandidateType.Host, local, local, _foundations.For(CandidateType.Host, local.Address), localPreference: localPreference);
        AddLocal(now, c);
        return c;
    }

    /// <summary>Tells the agent a TURN allocation is under way, so gathering waits for <see cref="AddRelayedCandidate"/> or <see cref="RelayFailed"/>.</summary>
    public void ExpectRelayedCandidate()
    {
        if (State != IceAgentState.Gathering) throw new InvalidOperationException($"{Name} has finished gathering.");
        _relaysPending++;
    }

    /// <summary>
    /// Adds the relayed candidate a TURN client allocated (RFC 8445 §5.1.1.2). Its base is the relayed address itself:
    /// datagrams the agent sends from it must go through the TURN client, and data the client receives comes in on it.
    /// </summary>
    public Candidate AddRelayedCandidate(TimeSpan now, IPEndPoint relayed, IPEndPoint turnServer, IPEndPoint? mapped)
    {
        ArgumentNullException.ThrowIfNull(relayed);
        ArgumentNullException.ThrowIfNull(turnServer);
        if (State != IceAgentState.Gathering) throw new InvalidOperationException($"{Name} has finished gathering; relayed candidates must come before the description is sent.");
        var c = new Candidate(CandidateType.Relayed, relayed, relayed, _foundations.For(CandidateType.Relayed, relayed.Address, turnServer), relatedAddress: mapped);
        AddLocal(now, c);
        if (_relaysPending > 0) _relaysPending--;
        FinishGathering(now);
        return c;
    }

    /// <summary>The TURN allocation failed: gathering goes on without a relayed candidate.</summary>
    public void RelayFailed(TimeSpan now, string why)
    {
        if (Options.ReportSteps) _events.Enqueue(new IceEvent.RelayMissing(now, why));
        if (_relaysPending > 0) _relaysPending--;
        FinishGathering(now);
    }

    /// <summary>
    /// Asks <paramref name="stunServer"/> for the server-reflexive address of every host candidate (RFC 8445 §5.1.1.1),
    /// one Binding request every Ta. Without a call, gathering ends with the host candidates.
    /// </summary>
    public void GatherServerReflexive(TimeSpan now, IPEndPoint stunServer)
    {
        ArgumentNullException.ThrowIfNull(stunServer);
        if (State != IceAgentState.Gathering) throw new InvalidOperationException($"{Name} has finished gathering.");
        if (_local.Count == 0) throw new InvalidOperationException($"{Name} has no host candidate to gather from; call AddHostCandidate first.");
        _stunServer = stunServer;
        foreach (var c in _local.Where(c => c.Type == CandidateType.Host)) _gatherQueue.Enqueue(c.Base);
        if (Options.ReportSteps) _events.Enqueue(new IceEvent.GatheringStarted(now, stunServer, _gatherQueue.Count));
        Pace(now);
    }

    /// <summary>Ends gathering if nothing is outstanding (call after adding host candidates when there is no STUN server).</summary>
    public void FinishGathering(TimeSpan now)
    {
        if (State == IceAgentState.Gathering && _relaysPending == 0 && _gatherQueue.Count == 0 && !HasTransaction(checks: false)) GatheringDone(now);
    }

    private void AddLocal(TimeSpan now, Candidate c)
    {
        _local.Add(c);
        _events.Enqueue(new IceEvent.CandidateGathered(now, c));
    }

    private void GatheringDone(TimeSpan now)
    {
        State = IceAgentState.Gathered;
        _gatheredAt = now;
        _events.Enqueue(new IceEvent.GatheringComplete(now, LocalDescription));
        if (RemoteCredentials is not null) StartChecks(now);
    }

    // ---------------------------------------------------------------- test

    /// <summary>The peer's ufrag, password and candidates, from the signalling channel. Checks start once gathering is done too.</summary>
    public void SetRemoteDescription(TimeSpan now, IceDescription remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        if (RemoteCredentials is not null) throw new InvalidOperationException($"{Name} already has the remote description (ICE restarts are not supported).");
        if (remote.Credentials.Ufrag == LocalCredentials.Ufrag) throw new ArgumentException("The remote ufrag equals ours; is this our own description?", nameof(remote));
        RemoteCredentials = remote.Credentials;
        foreach (var c in remote.Candidates)
            if (!_remote.Any(r => r.Address.Equals(c.Address))) _remote.Add(c);
        if (Options.ReportSteps) _events.Enqueue(new IceEvent.RemoteDescriptionSet(now, remote.Credentials.Ufrag, remote.Candidates.Count));
        if (State == IceAgentState.Gathered) StartChecks(now);
    }

    private void StartChecks(TimeSpan now)
    {
        State = IceAgentState.Checking;
        _checksStarted = now;
        CheckList.Form(_local, _remote, Role, Options.MaxPairs);
        CheckList.Unfreeze();
        if (Options.ReportSteps) _events.Enqueue(new IceEvent.ChecksStarted(now, CheckList.Pairs.Count, CheckList.Pairs.Count(p => p.State == CandidatePairState.Waiting)));
        foreach (var e in _early) OnCheckFromPeer(now, e.Local, e.Source, e.Priority, e.UseCandidate);
        _early.Clear();
        if (CheckList.Pairs.Count == 0 && CheckList.TriggeredQueue.Count == 0) Fail(now, "there is no candidate pair: no local and remote candidates of the same component and address family");
        Pace(now);
        ReportPairStates(now);
    }

    // Pair states change in many places (check list, checks, nomination); one diff after each input reports them all.
    private void ReportPairStates(TimeSpan now)
    {
        if (!Options.ReportSteps) return;
        foreach (var p in CheckList.Pairs)
        {
            var was = _reportedStates.TryGetValue(p, out var w) ? w : CandidatePairState.Frozen;
            if (_reportedStates.ContainsKey(p) && was == p.State) continue;
            _reportedStates[p] = p.State;
            if (was != p.State) _events.Enqueue(new IceEvent.PairStateChanged(now, p, was, p.State));
        }
    }

    // ---------------------------------------------------------------- the state a player shows

    /// <summary>
    /// The candidate table (local and remote, with priorities) and the check list with every pair's state, as
    /// chrome://webrtc-internals shows them; the nominated pair is drawn in bold.
    /// </summary>
    public IEnumerable<StateTable> ReportState(TimeSpan now, string owner)
    {
        static string C(Candidate c) => $"{c.Type.SdpName()} {c.Address}";
        var candidates = _local.Select(c => new StateRow($"l {c.Address}", ["local", c.Type.SdpName(), c.Address.ToString(), c.Priority.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            .Concat(_remote.Select(c => new StateRow($"r {c.Address}", ["remote", c.Type.SdpName(), c.Address.ToString(), c.Priority.ToString(System.Globalization.CultureInfo.InvariantCulture)])))
            .ToList();
        // The check list, then the valid pairs a check proved that are not in it (their local end is the address the peer saw).
        var pairs = CheckList.Pairs.Concat(ValidList.Pairs.Where(v => !CheckList.Pairs.Contains(v))).Select(p =>
        {
            var state = p.State switch
            {
                CandidatePairState.Succeeded => "✔ Succeeded",
                CandidatePairState.Failed => "✗ Failed",
                CandidatePairState.InProgress => "In progress",
                _ => p.State.ToString(),
            };
            if (!CheckList.Pairs.Contains(p)) state = "✔ valid pair" + (_validFor.FirstOrDefault(kv => ReferenceEquals(kv.Value, p)).Key is { } by ? $", proved by the check from {by.Local.Address}" : "");
            if (p.Nominated) state += ", nominated";
            if (ReferenceEquals(p, SelectedPair)) state += ", selected";
            return new StateRow($"{p.Local.Address} {p.Remote.Address}", [C(p.Local), C(p.Remote), $"0x{p.Priority:x}", state, $"{p.RequestsSent} / {p.ResponsesReceived}"], Strong: p.Nominated);
        }).ToList();
        var caption = $"{Role}, {State}" + (SelectedPair is { } s ? $": selected {C(s.Local)} ⇄ {C(s.Remote)}" : State == IceAgentState.Failed ? $": {FailureReason}" : "");
        return
        [
            new StateTable(owner, "ICE candidates", ["Side", "Type", "Address", "Priority"], candidates, caption),
            new StateTable(owner, "ICE check list", ["Local", "Remote", "Pair priority", "State", "Sent / answered"], pairs),
        ];
    }

    // ---------------------------------------------------------------- the machine

    public TimeSpan? NextTimeout()
    {
        var next = _transactions.NextTimeout();
        if (HasPacedWork()) next = Min(next, _lastPaced is { } last ? last + Options.Ta : TimeSpan.Zero);
        // Signalling may never deliver the peer's description (its side sends no UDP at all): give up rather than wait forever.
        if (State == IceAgentState.Gathered && _gatheredAt is { } g) next = Min(next, g + Options.Timeout);
        if (State == IceAgentState.Checking)
        {
            if (_checksStarted is { } s) next = Min(next, s + Options.Timeout);
            if (Role == IceRole.Controlling && _nominating is null && _firstValid is { } fv) next = Min(next, fv + Options.NominationDelay);
        }
        if (State == IceAgentState.Completed && _nextConsentCheck is { } check) next = Min(Min(next, check), ConsentExpiresAt!.Value);
        return next;
    }

    /// <summary>Once a pair is selected the only timers are consent's: they keep the call alive, not the simulation.</summary>
    public bool NextTimeoutIsBackground => State == IceAgentState.Completed;

    public void HandleTimeout(TimeSpan now)
    {
        _transactions.HandleTimeout(now);
        while (_transactions.TryPollTimeout(out var t, out var timeout))
        {
            if (timeout == ClientTransactionTimeout.Retransmit) Send(t.Datagram);
            else OnTimedOut(now, t);
        }
        if (State == IceAgentState.Checking && now >= _checksStarted + Options.Timeout)
            Fail(now, $"no pair was selected within {Options.Timeout.TotalSeconds:0} s");
        if (State == IceAgentState.Gathered && now >= _gatheredAt + Options.Timeout)
            Fail(now, $"the peer's candidates never arrived: no description came through signalling within {Options.Timeout.TotalSeconds:0} s of gathering");
        if (State == IceAgentState.Completed && _nextConsentCheck is not null) KeepConsent(now);
        ConsiderNomination(now);
        Pace(now);
        CheckFinished(now);
        ReportPairStates(now);
    }

    public void HandleDatagram(TimeSpan now, Datagram datagram)
    {
        PacketsReceived++;
        if (!StunMessage.TryParse(datagram.Payload.Span, out var message, out _))
        {
            // Not STUN: application data (media) on the selected pair.
            if (State == IceAgentState.Completed) _events.Enqueue(new IceEvent.DataReceived(now, datagram.Remote, datagram.Payload));
            return;
        }
        if (message.Class == StunClass.Request && message.Method == StunMethod.Binding) OnRequest(now, datagram, message);
        else if (_transactions.TryMatch(message, out var t))
        {
            if (t.Pair is null) OnGatheringResponse(now, t, message);
            else OnCheckResponse(now, t, datagram, message);
        }
        else if (message.Class == StunClass.SuccessResponse && _consentChecks.TryGetValue(message.TransactionId, out var sentAt))
            OnConsentResponse(now, datagram, message, sentAt);
        ConsiderNomination(now);
        Pace(now);
        CheckFinished(now);
        ReportPairStates(now);
    }

    public bool TryPollTransmit(out Datagram datagram) => _transmit.TryDequeue(out datagram);

    public bool TryPollEvent(out IceEvent protocolEvent) => _events.TryDequeue(out protocolEvent!);

    /// <summary>Whether a check (or, with checks false, a gathering request) is still waiting for its answer.</summary>
    private bool HasTransaction(bool checks)
    {
        foreach (var t in _transactions.All)
            if ((t.Pair is not null) == checks) return true;
        return false;
    }

    private bool HasPacedWork() =>
        _gatherQueue.Count > 0
        || State == IceAgentState.Checking && CheckList.HasCheckToSend;

    /// <summary>Starts the next transaction if Ta has passed since the last one (RFC 8445 §14.2).</summary>
    private void Pace(TimeSpan now)
    {
        if (_lastPaced is { } last && now < last + Options.Ta) return;
        if (_gatherQueue.TryDequeue(out var from))
        {
            var request = StunMessage.Request(StunMethod.Binding, TransactionId.New(_random));
            Start(new IceTransaction(request, request.Encode(fingerprint: true), from, _stunServer!, Options.GatheringRetransmission, now), now);
            return;
        }
        if (State != IceAgentState.Checking) return;
        var pair = CheckList.NextCheck();
        if (pair is null) return;
        // Aggressive nomination (RFC 5245 §8.1.1.2): every check of the controlling agent nominates.
        SendCheck(now, pair, nominate: pair == _nominating || Role == IceRole.Controlling && Options.Nomination == NominationMode.Aggressive);
    }

    private void Start(IceTransaction t, TimeSpan now)
    {
        _lastPaced = now;
        _transactions.Add(t);
        Send(t.Datagram);
    }

    private void Send(Datagram d)
    {
        PacketsSent++;
        BytesSent += d.Payload.Length;
        _transmit.Enqueue(d);
    }

    /// <summary>A connectivity check (RFC 8445 §7.2.2): USERNAME, PRIORITY, the role attribute with our tie-breaker, USE-CANDIDATE when nominating, MESSAGE-INTEGRITY keyed with the peer's password, FINGERPRINT.</summary>
    private void SendCheck(TimeSpan now, CandidatePair pair, bool nominate)
    {
        var request = CheckRequest(pair, nominate, out var priority);
        var bytes = request.Encode(RemoteCredentials!.Key, fingerprint: true);
        // RFC 8445 §14.3: RTO = MAX(500 ms, Ta * (number of Waiting and In-Progress pairs)).
        var active = CheckList.Pairs.Count(p => p.State is CandidatePairState.Waiting or CandidatePairState.InProgress);
        var rto = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(500).Ticks, Options.Ta.Ticks * active));
        var schedule = Options.CheckRetransmission with { Rto = rto > Options.CheckRetransmission.Rto ? rto : Options.CheckRetransmission.Rto };
        pair.State = CandidatePairState.InProgress;
        pair.RequestsSent++;
        pair.AddCheck(request.TransactionId);
        Start(new IceTransaction(request, bytes, pair.Local.Base, pair.Remote.Address, schedule, now) { Pair = pair, Nominating = nominate, PriorityAttribute = priority }, now);
        if (Options.ReportSteps) _events.Enqueue(new IceEvent.CheckSent(now, pair, nominate));
    }

    /// <summary>The Binding request of a check (RFC 8445 §7.2.2): USERNAME, PRIORITY, the role attribute with our tie-breaker, USE-CANDIDATE when nominating; encode it with the peer's password.</summary>
    private StunMessage CheckRequest(CandidatePair pair, bool nominate, out uint priority)
    {
        // RFC 8445 §7.1.1: PRIORITY is what a peer-reflexive candidate from this check would get: type preference 110, our local preference and component.
        priority = Candidate.ComputePriority(CandidateType.PeerReflexive.Preference(), pair.Local.LocalPreference, pair.Component);
        List<StunAttribute> attributes =
        [
            new Username($"{RemoteCredentials!.Ufrag}:{LocalCredentials.Ufrag}"),
            new Priority(priority),
            Role == IceRole.Controlling ? new IceControlling(TieBreaker) : new IceControlled(TieBreaker),
        ];
        if (nominate) attributes.Add(new UseCandidate());
        return new StunMessage(StunMethod.Binding, StunClass.Request, TransactionId.New(_random), attributes);
    }

    private void OnGatheringResponse(TimeSpan now, IceTransaction t, StunMessage response)
    {
        _transactions.Complete(t, now);
        var mapped = response.MappedEndPoint;
        if (response.Class == StunClass.SuccessResponse && mapped is not null)
        {
            // RFC 8445 §5.1.3: a server-reflexive candidate equal to its base (no NAT) is redundant and removed.
            if (_local.Any(c => c.Address.Equals(mapped)))
            {
                if (Options.ReportSteps) _events.Enqueue(new IceEvent.ServerReflexivePruned(now, mapped));
            }
            else
                AddLocal(now, new Candidate(CandidateType.ServerReflexive, mapped, t.Datagram.Local,
                    _foundations.For(CandidateType.ServerReflexive, t.Datagram.Local.Address, _stunServer), relatedAddress: t.Datagram.Local));
        }
        else if (Options.ReportSteps) _events.Enqueue(new IceEvent.ServerReflexiveMissing(now, t.Datagram.Local, $"the STUN server answered {response.Description}"));
        FinishGathering(now);
    }

    private void OnCheckResponse(TimeSpan now, IceTransaction t, Datagram datagram, StunMessage response)
    {
        var pair = t.Pair!;
        if (!AnswerOk(now, datagram, response)) return;
        _transactions.Complete(t, now);
        pair.ResponsesReceived++;
        if (State == IceAgentState.Completed && t.Cancelled) LateAnswer(now, t, datagram, response);
        if (State is IceAgentState.Completed or IceAgentState.Failed) return;
        if (response.Class == StunClass.ErrorResponse)
        {
            var code = response.Get<ErrorCode>();
            if (code?.Code == ErrorCode.RoleConflict)
            {
                // RFC 8445 §7.2.5.1: switch to the role opposite to the one in our request, then check the pair again.
                SwitchRole(now, t.Request.Get<IceControlling>() is not null ? IceRole.Controlled : IceRole.Controlling, "the peer answered 487 Role Conflict");
                CheckList.Trigger(pair);
                return;
            }
            FailPair(now, pair, $"the peer answered {code?.Code} {code?.Reason}");
            return;
        }
        // RFC 8445 §7.2.5.2.1: the response must come from where the request went, to where it came from.
        if (!datagram.Remote.Equals(t.Datagram.Remote) || !datagram.Local.Equals(t.Datagram.Local))
        {
            FailPair(now, pair, $"non-symmetric: the response came from {datagram.Remote}, not {t.Datagram.Remote}");
            return;
        }
        var mapped = response.MappedEndPoint;
        if (mapped is null)
        {
            FailPair(now, pair, "the response has no XOR-MAPPED-ADDRESS");
            return;
        }
        pair.Rtt = now - t.LastSent;
        pair.State = CandidatePairState.Succeeded;
        pair.SucceededAt = now;
        // RFC 8445 §7.2.5.3.1: a mapped address that is no local candidate is a new peer-reflexive one, with the PRIORITY we sent.
        var local = _local.FirstOrDefault(c => c.Address.Equals(mapped));
        if (local is null)
        {
            local = new Candidate(CandidateType.PeerReflexive, mapped, pair.Local.Base, _foundations.For(CandidateType.PeerReflexive, pair.Local.Base.Address),
                pair.Component, pair.Local.LocalPreference, t.PriorityAttribute, pair.Local.Base);
            _local.Add(local);
            _events.Enqueue(new IceEvent.PeerReflexiveLearned(now, local, Local: true));
        }
        // RFC 8445 §7.2.5.3.2: the valid pair is the mapped local candidate with the pair's remote one.
        var valid = local.Equals(pair.Local) ? pair : ValidPairFor(local, pair);
        if (_firstValid is null) _firstValid = now;
        CheckList.Valid.Add(valid);
        if (Options.ReportSteps) _events.Enqueue(new IceEvent.PairSucceeded(now, pair, valid, pair.Rtt.Value));
        // RFC 8445 §7.2.5.3.3: pairs with the same foundation are unfrozen.
        CheckList.UnfreezeFoundation(pair.Foundation);
        if (t.Nominating || pair.NominateOnSuccess) Select(now, valid, pair);
        // An answer to an earlier check of the pair being nominated lands while its USE-CANDIDATE check is still queued
        // (RFC 8445 §7.3.1.4 re-checks answer twice): Succeeded took the pair out of the queue, so queue the nomination again.
        else if (pair == _nominating && !NominationInFlight(pair)) CheckList.Trigger(pair);
    }

    private bool NominationInFlight(CandidatePair pair)
    {
        foreach (var t in _transactions.All)
            if (t.Pair == pair && t.Nominating && !t.Cancelled) return true;
        return false;
    }

    private CandidatePair ValidPairFor(Candidate local, CandidatePair checkedPair)
    {
        if (_validFor.TryGetValue(checkedPair, out var v) && v.Local.Equals(local)) return v;
        v = new CandidatePair(local, checkedPair.Remote, Role) { State = CandidatePairState.Succeeded };
        v.Rtt = checkedPair.Rtt;
        v.SucceededAt = checkedPair.SucceededAt;
        v.RequestsSent = checkedPair.RequestsSent;
        v.ResponsesReceived = checkedPair.ResponsesReceived;
        _validFor[checkedPair] = v;
        return v;
    }

    private CandidatePair ValidOf(CandidatePair checkedPair) => _validFor.TryGetValue(checkedPair, out var v) ? v : checkedPair;

    private void OnTimedOut(TimeSpan now, IceTransaction t)
    {
        // The table has already let it go.
        // RFC 8445 §7.3.1.4: a cancelled check's silence is not a failure.
        if (t.Cancelled) return;
        if (t.Pair is null)
        {
            if (Options.ReportSteps) _events.Enqueue(new IceEvent.ServerReflexiveMissing(now, t.Datagram.Local, $"STUN server {t.Datagram.Remote} did not answer {t.Sends} request(s)"));
            FinishGathering(now);
            return;
        }
        FailPair(now, t.Pair, $"no response to {t.Sends} request(s) in {(now - t.FirstSent).TotalSeconds:0.#} s");
    }

    private void FailPair(TimeSpan now, CandidatePair pair, string reason)
    {
        pair.State = CandidatePairState.Failed;
        pair.FailureReason = reason;
        if (Options.ReportSteps) _events.Enqueue(new IceEvent.PairFailed(now, pair, reason));
        if (pair != _nominating) return;
        _nominating = null;
        CheckList.Valid.Remove(ValidOf(pair));   // the nominated pair stopped working: nominate the next one

    }

    /// <summary>
    /// RFC 8445 §8.1.2: the answer to a check cancelled when another pair was selected still shows the pair works; it
    /// becomes Succeeded, but ICE does not nominate again (§8.1.1: one nomination per component and session).
    /// </summary>
    private void LateAnswer(TimeSpan now, IceTransaction t, Datagram datagram, StunMessage response)
    {
        var pair = t.Pair!;
        if (response.Class != StunClass.SuccessResponse || !datagram.Remote.Equals(t.Datagram.Remote) || !datagram.Local.Equals(t.Datagram.Local)) return;
        pair.State = CandidatePairState.Succeeded;
        pair.FailureReason = null;
        pair.Rtt = now - t.LastSent;
        pair.SucceededAt = now;
        pair.AnsweredAfterSelection = true;
        if (Options.ReportSteps) _events.Enqueue(new IceEvent.AnsweredAfterSelection(now, pair, pair.Rtt.Value));
    }

    private bool FingerprintOk(TimeSpan now, Datagram datagram, StunMessage message, string what)
    {
        var verdict = message.CheckFingerprint();
        if (verdict == StunVerdict.Valid) return true;
        Discard(now, datagram, $"a {what} from {datagram.Remote}: {(verdict == StunVerdict.Absent ? "no FINGERPRINT" : "its FINGERPRINT is wrong")} (RFC 8445 §7.2.4, RFC 8489 §7.3)");
        return false;
    }

    /// <summary>An answer to our check counts only with a correct FINGERPRINT and a MESSAGE-INTEGRITY keyed with the peer's password (RFC 8445 §7.2.5, RFC 8489 §9.1.4).</summary>
    private bool AnswerOk(TimeSpan now, Datagram datagram, StunMessage response)
    {
        if (!FingerprintOk(now, datagram, response, "answer")) return false;
        var integrity = response.CheckIntegrity<MessageIntegrity>(RemoteCredentials!.Key);
        if (integrity == StunVerdict.Valid) return true;
        Discard(now, datagram, $"an answer from {datagram.Remote}: {(integrity == StunVerdict.Absent ? "no MESSAGE-INTEGRITY" : "its MESSAGE-INTEGRITY does not verify with the peer's password")} (RFC 8489 §9.1.4)");
        return false;
    }

    private void Discard(TimeSpan now, Datagram datagram, string reason)
    {
        MessagesDiscarded++;
        _events.Enqueue(new IceEvent.MessageDiscarded(now, datagram.Remote, reason));
    }

    // ---------------------------------------------------------------- the peer's checks

    private void OnRequest(TimeSpan now, Datagram datagram, StunMessage request)
    {
        if (ConsentLostAt is not null) return;   // RFC 7675 §5.1: without consent the agent sends nothing, answers included
        // RFC 8445 §7.2.4: "The FINGERPRINT mechanism MUST be used for connectivity checks"; RFC 8489 §7.3: a message
        // whose FINGERPRINT is missing or wrong is silently discarded (it may not be STUN at all).
        if (!FingerprintOk(now, datagram, request, "check")) return;
        // RFC 8445 §7.3 with RFC 8489 §9.1.3: USERNAME and MESSAGE-INTEGRITY are required; a wrong ufrag or key gets 401.
        var username = request.Get<Username>();
        if (username is null || request.Get<MessageIntegrity>() is null)
        {
            Respond(datagram, request.ErrorResponse(ErrorCode.BadRequest), integrity: false);
            return;
        }
        var colon = username.Value.IndexOf(':');
        if (colon < 0 || username.Value[..colon] != LocalCredentials.Ufrag || request.CheckIntegrity<MessageIntegrity>(LocalCredentials.Key) != StunVerdict.Valid)
        {
            Respond(datagram, request.ErrorResponse(ErrorCode.Unauthorized), integrity: false);
            return;
        }
        if (RoleConflict(now, request, out var reject))
        {
            if (reject)
            {
                Respond(datagram, request.ErrorResponse(ErrorCode.RoleConflict), integrity: true);
                return;
            }
        }
        var priority = request.Get<Priority>()?.Value ?? 0;
        if (priority > Candidate.MaxPriority)
        {
            // RFC 8445 §5.1.2.1: a priority is 1 to 2^31 - 1; a larger one would corrupt the pair priority formula.
            if (Options.ReportSteps) _events.Enqueue(new IceEvent.CheckRefused(now, datagram.Remote, $"PRIORITY {priority} is above 2^31 - 1 (RFC 8445 §5.1.2.1)"));
            Respond(datagram, request.ErrorResponse(ErrorCode.BadRequest), integrity: true);
            return;
        }
        Respond(datagram, request.SuccessResponse(new XorMappedAddress(datagram.Remote)), integrity: true);
        var useCandidate = request.Get<UseCandidate>() is not null;
        if (State is IceAgentState.Completed or IceAgentState.Failed) return;   // answered (e.g. a retransmitted nomination); nothing more to do
        if (State != IceAgentState.Checking)
        {
            _early.Add((datagram.Local, datagram.Remote, priority, useCandidate));   // before the peer's description: handled when checks start
            return;
        }
        OnCheckFromPeer(now, datagram.Local, datagram.Remote, priority, useCandidate);
    }

    /// <summary>
    /// RFC 8445 §7.3.1.1: both claim the same role. The larger tie-breaker keeps controlling; true with reject=true
    /// means answer 487, with reject=false that we switched role.
    /// </summary>
    private bool RoleConflict(TimeSpan now, StunMessage request, out bool reject)
    {
        reject = false;
        if (Role == IceRole.Controlling && request.Get<IceControlling>() is { } theirs)
        {
            if (TieBreaker >= theirs.TieBreaker) reject = true;
            else SwitchRole(now, IceRole.Controlled, $"both controlling; the peer's tie-breaker 0x{theirs.TieBreaker:x16} is larger");
            return true;
        }
        if (Role == IceRole.Controlled && request.Get<IceControlled>() is { } theirs2)
        {
            if (TieBreaker >= theirs2.TieBreaker) SwitchRole(now, IceRole.Controlling, $"both controlled; our tie-breaker 0x{TieBreaker:x16} is larger");
            else reject = true;
            return true;
        }
        return false;
    }

    private void SwitchRole(TimeSpan now, IceRole role, string why)
    {
        if (Role == role) return;
        Role = role;
        CheckList.ChangeRole(role);
        _events.Enqueue(new IceEvent.RoleChanged(now, role, why));
    }

    private void Respond(Datagram request, StunMessage response, bool integrity) =>
        Send(new Datagram(request.Local, request.Remote, response.Encode(integrity ? LocalCredentials.Key : null, fingerprint: true)));

    private void OnCheckFromPeer(TimeSpan now, IPEndPoint local, IPEndPoint source, uint priority, bool useCandidate)
    {
        // RFC 8445 §7.3.1.3: a source that is no remote candidate is a peer-reflexive one, with the request's PRIORITY.
        var remote = _remote.FirstOrDefault(c => c.Address.Equals(source));
        if (remote is null)
        {
            remote = new Candidate(CandidateType.PeerReflexive, source, source, $"prflx{++_remotePrflx}", 1, (int)((priority >> 8) & 0xFFFF), priority == 0 ? null : priority);
            _remote.Add(remote);
            _events.Enqueue(new IceEvent.PeerReflexiveLearned(now, remote, Local: false));
        }
        var localCandidate = _local.FirstOrDefault(c => c.Base.Equals(local) && c.Type is CandidateType.Host or CandidateType.Relayed);
        if (localCandidate is null) return;
        // RFC 8445 §7.3.1.4: the triggered check.
        var pair = CheckList.Find(local, source);
        if (pair is null)
        {
            CheckList.TryAdd(localCandidate, remote, Role, out pair);
            CheckList.Trigger(pair);
        }
        else if (pair.State is CandidatePairState.Frozen or CandidatePairState.Waiting or CandidatePairState.Failed)
        {
            pair.FailureReason = null;
            CheckList.Trigger(pair);
        }
        else if (pair.State == CandidatePairState.InProgress)
        {
            // RFC 8445 §7.3.1.4: cancel the In-Progress transaction (no more retransmissions, but its answer still
            // counts), set the pair to Waiting and queue a new check, so the pair is validated without waiting for a retransmission.
            foreach (var t in _transactions.All)
                if (t.Pair == pair) t.Cancel();
            CheckList.Trigger(pair);
            if (Options.ReportSteps) _events.Enqueue(new IceEvent.CheckCancelled(now, pair));
        }
        pair.RequestsReceived++;
        // RFC 8445 §7.3.1.5: the controlled agent nominates a pair the controlling one sent USE-CANDIDATE on.
        if (useCandidate && Role == IceRole.Controlled)
        {
            if (pair.State == CandidatePairState.Succeeded) Select(now, ValidOf(pair), pair);
            else pair.NominateOnSuccess = true;
        }
    }

    // ---------------------------------------------------------------- choose

    /// <summary>
    /// Regular nomination (RFC 8445 §8.1.1): the controlling agent lets checks run, then picks the best valid pair once
    /// no higher-priority pair can still succeed, or after <see cref="IceOptions.NominationDelay"/>, and checks it again with USE-CANDIDATE.
    /// </summary>
    private void ConsiderNomination(TimeSpan now)
    {
        if (State != IceAgentState.Checking || Role != IceRole.Controlling || Options.Nomination == NominationMode.Aggressive
            || _nominating is not null || CheckList.Valid.Best is not { } best) return;
        var pending = false;
        foreach (var p in CheckList.Pairs)   // asked after every input: a loop, no closure
            pending |= p.Priority > best.Priority && p.State is CandidatePairState.Frozen or CandidatePairState.Waiting or CandidatePairState.InProgress;
        if (pending && now < _firstValid + Options.NominationDelay) return;
        var generating = GeneratingPairOf(best);
        _nominating = generating;
        if (Options.ReportSteps) _events.Enqueue(new IceEvent.NominationStarted(now, best));
        CheckList.Trigger(generating);
    }

    private CandidatePair GeneratingPairOf(CandidatePair valid) => _validFor.FirstOrDefault(kv => kv.Value == valid).Key ?? valid;

    private void Select(TimeSpan now, CandidatePair valid, CandidatePair generating)
    {
        if (State != IceAgentState.Checking) return;
        valid.Nominated = true;
        generating.Nominated = true;
        _events.Enqueue(new IceEvent.PairNominated(now, valid));
        SelectedPair = valid;
        State = IceAgentState.Completed;
        CompletedAt = now;
        CheckList.State = CheckListState.Completed;
        // RFC 8445 §8.1.2: once a pair is nominated, the other pairs leave the check list and In-Progress transactions are
        // cancelled: no retransmissions, but an answer is still taken (LateAnswer) until the transaction would have given up.
        foreach (var t in _transactions.All)
            if (t.Pair is not null) t.Cancel();
        foreach (var p in CheckList.Pairs.Where(p => p.State is CandidatePairState.Frozen or CandidatePairState.Waiting or CandidatePairState.InProgress))
        {
            p.FailureReason = p.State == CandidatePairState.InProgress
                ? "cancelled when another pair was selected (RFC 8445 §8.1.2), before any answer came"
                : "not checked further: another pair was selected";
            p.State = CandidatePairState.Failed;
        }
        _events.Enqueue(new IceEvent.Selected(now, valid));
        if (!Options.ConsentFreshness) return;
        // RFC 7675 §5.1: ICE's checks gave consent to send; from now on consent checks must keep renewing it.
        ConsentExpiresAt = now + Options.ConsentTimeout;
        _nextConsentCheck = now + NextConsentWait();
        if (Options.ReportSteps) _events.Enqueue(new IceEvent.ConsentStarted(now, Options.ConsentInterval, Options.ConsentTimeout));
    }

    // ---------------------------------------------------------------- keep: consent freshness (RFC 7675) and keepalives (RFC 8445 §11)

    /// <summary>Sends application data (media) on the selected pair; false before a pair is selected or once consent is lost (RFC 7675 §5.1: no sending without consent).</summary>
    public bool SendData(ReadOnlyMemory<byte> payload)
    {
        if (State != IceAgentState.Completed || SelectedPair is not { } pair) return false;
        _transmit.Enqueue(new Datagram(pair.Local.Base, pair.Remote.Address, payload));   // not counted with the STUN packets
        return true;
    }

    // RFC 7675 §5.1: each wait is uniformly 0.8–1.2 × the basic period, so that agents do not fall into step.
    private TimeSpan NextConsentWait() => TimeSpan.FromTicks((long)(Options.ConsentInterval.Ticks * (0.8 + 0.4 * _random.NextDouble())));

    private void KeepConsent(TimeSpan now)
    {
        if (now >= ConsentExpiresAt)
        {
            LoseConsent(now);
            return;
        }
        if (now < _nextConsentCheck) return;
        SendConsentCheck(now);
        _nextConsentCheck = now + NextConsentWait();
    }

    /// <summary>A consent check (RFC 7675 §5.1): a Binding request on the selected pair with ICE's short-term credentials, a new transaction each time, sent once and never retransmitted. It also refreshes the NAT mappings on the way (RFC 8445 §11).</summary>
    private void SendConsentCheck(TimeSpan now)
    {
        var pair = SelectedPair!;
        var request = CheckRequest(pair, nominate: false, out _);
        // An answer to a check sent more than the timeout ago could no longer renew consent: forget those checks.
        foreach (var (id, sent) in _consentChecks)
            if (sent + Options.ConsentTimeout <= now) _consentChecks.Remove(id);
        _consentChecks[request.TransactionId] = now;
        GeneratingPairOf(pair).AddCheck(request.TransactionId);   // the check-list pair with the same 5-tuple: its drops explain a loss
        ConsentChecksSent++;
        Send(new Datagram(pair.Local.Base, pair.Remote.Address, request.Encode(RemoteCredentials!.Key, fingerprint: true)));
        if (Options.ReportSteps) _events.Enqueue(new IceEvent.ConsentCheckSent(now, pair));
    }

    private void OnConsentResponse(TimeSpan now, Datagram datagram, StunMessage response, TimeSpan sentAt)
    {
        if (State != IceAgentState.Completed || SelectedPair is not { } pair) return;
        // RFC 7675 §5.1: only an authenticated answer from where the check went, to where it came from, counts.
        if (!AnswerOk(now, datagram, response)) return;
        if (!datagram.Remote.Equals(pair.Remote.Address) || !datagram.Local.Equals(pair.Local.Base)) return;
        _consentChecks.Remove(response.TransactionId);
        ConsentResponsesReceived++;
        // RFC 7675 §5.1: consent holds while a check sent in the last 30 s has been answered (a late answer counts from its check).
        if (sentAt + Options.ConsentTimeout > ConsentExpiresAt) ConsentExpiresAt = sentAt + Options.ConsentTimeout;
    }

    private void LoseConsent(TimeSpan now)
    {
        var pair = SelectedPair!;
        var reason = $"consent lost: {pair.Remote.Address} answered none of the consent checks of the last {Options.ConsentTimeout.TotalSeconds:0} s " +
                     "(the peer is gone, or a NAT on the way now drops the packets)";
        State = IceAgentState.Failed;
        FailureReason = reason;
        ConsentLostAt = now;
        SelectedPair = null;
        CheckList.State = CheckListState.Failed;
        foreach (var p in new[] { pair, GeneratingPairOf(pair) })
        {
            p.State = CandidatePairState.Failed;
            p.FailureReason = reason;
        }
        _consentChecks.Clear();
        _nextConsentCheck = null;
        _events.Enqueue(new IceEvent.ConsentLost(now, pair, reason));
    }

    private void CheckFinished(TimeSpan now)
    {
        if (State != IceAgentState.Checking || !CheckList.AllDone || CheckList.TriggeredQueue.Count > 0 || CheckList.Valid.Count > 0) return;
        if (HasTransaction(checks: true)) return;
        var reasons = CheckList.Pairs.GroupBy(p => p.FailureReason).Select(g => $"{g.Count()} pair(s): {g.Key}");
        Fail(now, $"every candidate pair failed ({string.Join("; ", reasons)})");
    }

    private void Fail(TimeSpan now, string reason)
    {
        if (State is IceAgentState.Completed or IceAgentState.Failed) return;
        State = IceAgentState.Failed;
        FailureReason = reason;
        CompletedAt = now;
        CheckList.State = CheckListState.Failed;
        _transactions.Clear();
        // A pair still being checked (a peer's checks kept triggering new ones, RFC 8445 §7.3.1.4) ends with ICE.
        foreach (var p in CheckList.Pairs.Where(p => p.State is CandidatePairState.Frozen or CandidatePairState.Waiting or CandidatePairState.InProgress))
        {
            p.FailureReason = $"still {p.State} when ICE failed ({reason})";
            p.State = CandidatePairState.Failed;
        }
        _events.Enqueue(new IceEvent.Failed(now, reason));
    }

    private static TimeSpan? Min(TimeSpan? a, TimeSpan b) => a is { } x && x < b ? x : b;

    public override string ToString() => $"{Name} ({Role}, {State}{(SelectedPair is { } s ? ", selected " + s : "")})";
}
