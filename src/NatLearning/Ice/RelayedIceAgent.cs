using System.Net;
using NatLearning.Addressing;
using NatLearning.Protocols;
using NatLearning.Turn;

namespace NatLearning.Ice;

/// <summary>
/// An ICE agent with a TURN client, as one sans-I/O machine (RFC 8445 §5.1.1.2 with RFC 8656): the client allocates a
/// relayed address, which becomes the agent's relayed candidate; what the agent sends from that candidate leaves through
/// the client (a Send indication, or ChannelData once a channel is bound), and what the client unwraps from the relay
/// comes back to the agent as a datagram on the relayed address. It creates permissions for the peer's candidates
/// (RFC 8656 §9), and the client keeps the allocation refreshed until <see cref="Release"/>.
/// The client has a local endpoint of its own (or shares a host candidate's socket): a driver binds both.
/// </summary>
/// <example>
/// <code>
/// using var udp = new UdpDriver(new IPEndPoint(IPAddress.Loopback, 0));
/// var turn = new TurnClient(udp.LocalEndPoints[0], server, "alice", "secret", random);
/// var alice = new RelayedIceAgent(new IceAgent("Alice", IceRole.Controlling, random), turn);
/// alice.Allocate(udp.Now);                          // relay only: no host candidate
/// // ... on IceEvent.GatheringComplete send alice.Agent.LocalDescription to Bob; with his:
/// alice.SetRemoteDescription(udp.Now, bob);         // permissions for his candidates, then the checks
/// await udp.RunAsync(alice, () => alice.Agent.State == IceAgentState.Completed);
/// </code>
/// </example>
public sealed class RelayedIceAgent : IProtocolMachine<RelayedIceEvent>, IStateReporter
{
    private readonly Queue<Datagram> _transmit = new();
    private readonly Queue<RelayedIceEvent> _events = new();
    private TimeSpan _now;

    public RelayedIceAgent(IceAgent agent, TurnClient turn)
    {
        Agent = agent ?? throw new ArgumentNullException(nameof(agent));
        Turn = turn ?? throw new ArgumentNullException(nameof(turn));
    }

    public IceAgent Agent { get; }
    public TurnClient Turn { get; }

    /// <summary>
    /// Which of the peer's addresses get a permission. By default public (and documentation) ones: a TURN server
    /// refuses private, loopback and link-local peers with 403 (RFC 8656 §21.2.3), and one refused address fails the
    /// whole CreatePermission. A loopback lab whose server allows loopback peers widens it.
    /// </summary>
    public Func<IPAddress, bool> PermitPeer { get; init; } = a => Ipv4.Classify(a) is AddressKind.Public or AddressKind.Documentation;

    /// <summary>Permissions asked for so far, one per CreatePermission (the peer addresses in it).</summary>
    public int PermissionsRequested { get; private set; }

    /// <summary>Starts the allocation; gathering waits for its relayed candidate (or its failure).</summary>
    public void Allocate(TimeSpan now)
    {
        _now = now;
        Agent.ExpectRelayedCandidate();
        Turn.Allocate(now);
        Settle(now);
    }

    /// <summary>The peer's description: permissions for its candidates on our relay, then the agent starts its checks.</summary>
    public void SetRemoteDescription(TimeSpan now, IceDescription remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        _now = now;
        Agent.SetRemoteDescription(now, remote);
        Permit(now, remote.Candidates);
        Settle(now);
    }

    /// <summary>Application data on the selected pair (through the relay when its local candidate is the relayed one); false when there is none.</summary>
    public bool SendData(TimeSpan now, ReadOnlyMemory<byte> payload)
    {
        _now = now;
        var sent = Agent.SendData(payload);
        Settle(now);
        return sent;
    }

    /// <summary>Frees the allocation (a Refresh with LIFETIME 0, RFC 8656 §7.3); false when there is none to free.</summary>
    public bool Release(TimeSpan now)
    {
        _now = now;
        if (Turn.State != TurnClientState.Allocated) return false;
        Turn.Release(now);
        Settle(now);
        return true;
    }

    public TimeSpan? NextTimeout()
    {
        var (a, t) = (Agent.NextTimeout(), Turn.NextTimeout());
        return a is { } x && (t is not { } y || x <= y) ? a : t;
    }

    /// <summary>
    /// Background when every timer is: the agent's consent checks, and the client's refreshes (in a call that goes on,
    /// with consent freshness, all of the client's timers keep the call alive, like the consent checks).
    /// </summary>
    public bool NextTimeoutIsBackground =>
        (Agent.NextTimeout() is null || Agent.NextTimeoutIsBackground)
        && (Turn.NextTimeout() is null || Agent.Options.ConsentFreshness || Turn.NextTimeoutIsBackground);

    public void HandleTimeout(TimeSpan now)
    {
        _now = now;
        // Both due at once: the client's first (its retransmission leaves before the agent's), as two drivers' timers armed in that order would.
        if (Turn.NextTimeout() <= now)
        {
            Turn.HandleTimeout(now);
            Settle(now);
        }
        if (Agent.NextTimeout() <= now)
        {
            Agent.HandleTimeout(now);
            Settle(now);
        }
    }

    public void HandleDatagram(TimeSpan now, Datagram datagram)
    {
        _now = now;
        // The server talks to the client's endpoint; anything else there is for the agent only if a host candidate shares it.
        if (datagram.Local.Equals(Turn.Local) && (datagram.Remote.Equals(Turn.Server) || !Agent.LocalCandidates.Any(c => c.Base.Equals(Turn.Local))))
            Turn.HandleDatagram(now, datagram);
        else
            Agent.HandleDatagram(now, datagram);
        Settle(now);
    }

    public bool TryPollTransmit(out Datagram datagram)
    {
        Settle(_now);   // after a command given to Agent directly (GatherServerReflexive ...)
        return _transmit.TryDequeue(out datagram);
    }

    public bool TryPollEvent(out RelayedIceEvent protocolEvent)
    {
        Settle(_now);
        return _events.TryDequeue(out protocolEvent!);
    }

    public IEnumerable<StateTable> ReportState(TimeSpan now, string owner)
    {
        foreach (var table in Agent.ReportState(now, owner)) yield return table;
        var expires = Turn.Expires is { } e ? $"{Math.Max(0, (e - now).TotalSeconds):0} s" : "";
        yield return new StateTable(owner, "TURN allocation", ["Server", "Relayed address", "Seen by the server as", "State", "Expires in"],
            [new StateRow(Turn.Server.ToString(), [Turn.Server.ToString(), Turn.RelayedAddress?.ToString() ?? "", Turn.MappedAddress?.ToString() ?? "", Turn.State.ToString(), expires])]);
    }

    // Until nothing moves: the client's events feed the agent, the agent's the client; then what both want sent, in order.
    private void Settle(TimeSpan now)
    {
        bool moved;
        do
        {
            moved = false;
            while (Turn.TryPollEvent(out var t))
            {
                moved = true;
                _events.Enqueue(new RelayedIceEvent.Turn(t));
                OnTurnEvent(now, t);
            }
            while (Agent.TryPollEvent(out var i))
            {
                moved = true;
                _events.Enqueue(new RelayedIceEvent.Ice(i));
                // RFC 8445 §7.3.1.3: a check from an address the peer never announced; let it in through the relay too.
                if (i is IceEvent.PeerReflexiveLearned { Local: false } p) Permit(now, [p.Candidate]);
            }
            while (Turn.TryPollTransmit(out var d)) _transmit.Enqueue(d);
            while (Agent.TryPollTransmit(out var d))
            {
                moved = true;
                if (Turn.RelayedAddress is { } relayed && d.Local.Equals(relayed) && Turn.State == TurnClientState.Allocated)
                {
                    // From the relayed candidate: wrapped by the client, and sent from its endpoint to the server.
                    Turn.Send(now, d.Remote, d.Payload);
                    while (Turn.TryPollTransmit(out var w)) _transmit.Enqueue(w);
                }
                else if (Turn.RelayedAddress is null || !d.Local.Equals(Turn.RelayedAddress)) _transmit.Enqueue(d);
                // else: the allocation is gone (released, or lost); what the agent sends from it goes nowhere.
            }
        }
        while (moved);
    }

    private void OnTurnEvent(TimeSpan now, TurnEvent e)
    {
        switch (e.Kind)
        {
            case TurnEventKind.Allocated when Agent.State == IceAgentState.Gathering && Turn.RelayedAddress is { } relayed:
                Agent.AddRelayedCandidate(now, relayed, Turn.Server, Turn.MappedAddress);
                // The peer's description may have come while the client was allocating.
                if (Agent.RemoteCredentials is not null) Permit(now, Agent.RemoteCandidates);
                break;
            case TurnEventKind.Failed when Agent.State == IceAgentState.Gathering:
                Agent.RelayFailed(now, e.Description);
                break;
            case TurnEventKind.DataReceived when e.Peer is not null && e.Data is not null && Turn.RelayedAddress is { } at:
                // Unwrapped from a Data indication or ChannelData: to the agent it arrived on the relayed candidate.
                Agent.HandleDatagram(now, new Datagram(at, e.Peer, e.Data));
                break;
        }
    }

    /// <summary>TURN permissions for the peer's candidates, so their checks may come in through our relay (RFC 8445 §5.1.1.2 with RFC 8656 §9).</summary>
    private void Permit(TimeSpan now, IEnumerable<Candidate> remotes)
    {
        if (Turn.State != TurnClientState.Allocated) return;
        var peers = remotes.Select(c => c.Address).Where(a => PermitPeer(a.Address)).ToArray();
        if (peers.Length == 0) return;
        Turn.CreatePermission(now, peers);
        PermissionsRequested++;
    }

    public override string ToString() => $"{Agent} with TURN {Turn.State}{(Turn.RelayedAddress is { } r ? " " + r : "")}";
}
