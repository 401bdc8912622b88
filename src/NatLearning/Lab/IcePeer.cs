using System.Net;
using NatLearning.Ice;
using NatLearning.Protocols;
using NatLearning.Simulation;
using NatLearning.Turn;

namespace NatLearning.Lab;

/// <summary>
/// An ICE agent placed on a simulated host: its media socket driven by a <see cref="SimulatedDriver"/>, and a second
/// socket that sends its description to the signalling server and hands the peer's to the agent. With a TURN client the
/// peer drives a <see cref="RelayedIceAgent"/> instead (one machine, one driver over the media and the TURN socket), and
/// the TURN client's steps become notes in the trace beside the agent's.
/// </summary>
public sealed class IcePeer : IProtocolMachine, IStateReporter
{
    private readonly List<IceEvent> _events = [];
    private readonly List<IceEvent.DataReceived> _media = [];
    private readonly List<TurnEvent> _turnEvents = [];
    private readonly UdpSocket _signalling;
    private readonly IPEndPoint _signallingServer;
    private readonly string _session;
    private readonly SimulatedDriver _driver;
    private readonly RelayedIceAgent? _relayed;
    private readonly UdpSocket? _turnSocket;

    /// <param name="turn">A TURN client (on its own socket) for a relayed candidate, or null.</param>
    public IcePeer(IceAgent agent, UdpSocket media, UdpSocket signalling, IPEndPoint signallingServer, string session, (TurnClient Client, UdpSocket Socket)? turn = null)
    {
        Agent = agent ?? throw new ArgumentNullException(nameof(agent));
        Media = media ?? throw new ArgumentNullException(nameof(media));
        _signalling = signalling ?? throw new ArgumentNullException(nameof(signalling));
        _signallingServer = signallingServer ?? throw new ArgumentNullException(nameof(signallingServer));
        _session = session;
        _signalling.Received += OnSignal;
        if (turn is { } t)
        {
            _relayed = new RelayedIceAgent(agent, t.Client);
            _turnSocket = t.Socket;
            _driver = new SimulatedDriver(this, media, t.Socket);
        }
        else _driver = new SimulatedDriver(this, media);
    }

    public IceAgent Agent { get; }
    public UdpSocket Media { get; }
    public string Name => Agent.Name;
    public Network Network => Media.Host.Network;

    /// <summary>Everything the agent reported, in order.</summary>
    public IReadOnlyList<IceEvent> Events => _events;

    /// <summary>The application data (media) that arrived once ICE had completed, in order.</summary>
    public IReadOnlyList<IceEvent.DataReceived> MediaReceived => _media;

    /// <summary>What the TURN client reported (allocation, permissions, channels, data it unwrapped), in order; empty without one.</summary>
    public IReadOnlyList<TurnEvent> TurnEvents => _turnEvents;

    /// <summary>Write the TURN client's steps to the trace as notes (on by default).</summary>
    public bool NoteTurnSteps { get; set; } = true;

    /// <summary>True once <see cref="Leave"/> was called.</summary>
    public bool Left { get; private set; }

    /// <summary>Discover: a host candidate for the media socket, then server-reflexive ones from <paramref name="stunServer"/> (if any).</summary>
    public void Start(IPEndPoint? stunServer)
    {
        var now = Network.Now;
        var since = Network.Trace.Events.Count;
        Agent.AddHostCandidate(now, Media.LocalEndPoint);
        _relayed?.Allocate(now);
        if (stunServer is not null) Agent.GatherServerReflexive(now, stunServer);
        else Agent.FinishGathering(now);
        Drain();
        _driver.Pump(since);
    }

    /// <summary>The TURN client, when this peer has one.</summary>
    public TurnClient? Turn => _relayed?.Turn;

    /// <summary>The agent with its TURN client, when this peer has one.</summary>
    public RelayedIceAgent? Relayed => _relayed;

    public TimeSpan? NextTimeout() => _relayed is not null ? _relayed.NextTimeout() : Agent.NextTimeout();

    public IEnumerable<Protocols.StateTable> ReportState(TimeSpan now, string owner) => Agent.ReportState(now, owner);

    public bool NextTimeoutIsBackground => _relayed?.NextTimeoutIsBackground ?? Agent.NextTimeoutIsBackground;

    /// <summary>Sends application data (media) on the selected pair; false when there is none (ICE not completed, or consent lost).</summary>
    public bool SendMedia(ReadOnlySpan<byte> data)
    {
        if (Left) return false;
        var sent = _relayed is not null ? _relayed.SendData(Network.Now, data.ToArray()) : Agent.SendData(data.ToArray());
        if (!sent) return false;
        _driver.Pump();
        return true;
    }

    public bool SendMedia(string text) => SendMedia(System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// The application quits without a word: its sockets close, so whatever the peer sends now is dropped at this host
    /// (port unreachable), and the peer's consent checks go unanswered. Its TURN allocation is left to expire.
    /// </summary>
    public void Leave()
    {
        if (Left) return;
        Left = true;
        _driver.Detach();
        Media.Close();
        _signalling.Close();
        _turnSocket?.Close();
    }

    public void HandleTimeout(TimeSpan now)
    {
        if (_relayed is not null) _relayed.HandleTimeout(now);
        else Agent.HandleTimeout(now);
        Drain();
    }

    public void HandleDatagram(TimeSpan now, Datagram datagram)
    {
        if (_relayed is not null) _relayed.HandleDatagram(now, datagram);
        else Agent.HandleDatagram(now, datagram);
        Drain();
    }

    public bool TryPollTransmit(out Datagram datagram) =>
        _relayed is not null ? _relayed.TryPollTransmit(out datagram) : Agent.TryPollTransmit(out datagram);

    private void OnSignal(UdpSocket socket, ReceivedDatagram d)
    {
        if (!SignallingServer.TryParse(d.Payload, out _, out var from, out var sdp) || from == Name) return;
        var since = Network.Trace.Events.Count;
        var remote = IceDescription.Parse(sdp);
        if (_relayed is not null) _relayed.SetRemoteDescription(Network.Now, remote);   // with permissions for the peer's candidates
        else Agent.SetRemoteDescription(Network.Now, remote);
        Drain();
        _driver.Pump(since);
    }

    /// <summary>The ICE progress a step-by-step player shows beside the packets, or null for an event it does not show.</summary>
    public static string? Describe(IceEvent e) => e switch
    {
        IceEvent.CandidateGathered c => $"ICE: candidate {c.Candidate.Type.SdpName()} {c.Candidate.Address} gathered",
        IceEvent.PairStateChanged p => $"ICE pair {p.Pair.Local.Type.SdpName()} {p.Pair.Local.Address} ⇄ {p.Pair.Remote.Type.SdpName()} {p.Pair.Remote.Address}: {p.From} → {p.To}",
        IceEvent.PeerReflexiveLearned r => $"ICE: learned {(r.Local ? "local" : "remote")} peer-reflexive {r.Candidate.Address}",
        IceEvent.RoleChanged r => $"ICE role conflict: now {r.Role} ({r.Why})",
        IceEvent.PairNominated n => $"ICE: nominated {n.Pair.Local.Address} ⇄ {n.Pair.Remote.Address}",
        IceEvent.Selected s => $"ICE completed: selected {s.Pair.Local.Type.SdpName()} {s.Pair.Local.Address} ⇄ {s.Pair.Remote.Type.SdpName()} {s.Pair.Remote.Address}",
        IceEvent.ConsentLost c => $"ICE {c.Reason}; {c.Pair.Local.Base} stops sending to {c.Pair.Remote.Address}",
        IceEvent.Failed f => $"ICE failed: {f.Reason}",
        IceEvent.MessageDiscarded d => $"ICE discarded {d.Reason}",
        _ => null,
    };

    /// <summary>The TURN client's step, for a student reading the trace: what it did and what that means for ICE.</summary>
    public static string Describe(string peer, TurnEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var who = $"{peer}'s TURN client";
        return e.Kind switch
        {
            TurnEventKind.Challenged => $"{who}: {e.Description} (a first request carries no credentials; the 401 supplies the realm and a nonce)",
            TurnEventKind.Allocated => $"{who}: allocated {e.Description}; ICE adds it as a relay candidate",
            TurnEventKind.PermissionCreated => $"{who}: {e.Description} for the peer's candidates: the relay now lets in packets from those addresses",
            TurnEventKind.ChannelBound => $"{who}: {e.Description}: data to it now goes as ChannelData, a 4-byte header instead of a Send indication's STUN header",
            TurnEventKind.DataReceived => $"{who}: {e.Description}, unwrapped; ICE gets it on its relay candidate",
            TurnEventKind.Deleted => $"{who}: {e.Description} (a Refresh with LIFETIME 0)",
            TurnEventKind.Refreshed => $"{who}: {e.Description}",
            _ => $"{who} {e.Kind.ToString().ToLowerInvariant()}: {e.Description}",
        };
    }

    private void Drain()
    {
        if (_relayed is null)
        {
            while (Agent.TryPollEvent(out var e)) OnIceEvent(e);
            return;
        }
        while (_relayed.TryPollEvent(out var r))
        {
            if (r is RelayedIceEvent.Ice i) OnIceEvent(i.Event);
            else if (r is RelayedIceEvent.Turn { Event: var t })
            {
                _turnEvents.Add(t);
                if (NoteTurnSteps && Network.Trace.Enabled) Network.Trace.Note(t.Time, Media.Host.Name, Describe(Name, t));
            }
        }
    }

    private void OnIceEvent(IceEvent e)
    {
        _events.Add(e);
        if (e is IceEvent.DataReceived m) _media.Add(m);
        if (Network.Trace.Enabled && Describe(e) is { } note) Network.Trace.Note(e.Time, Media.Host.Name, note);
        if (Network.Trace.Enabled && e is IceEvent.Selected && Agent.Options.ConsentFreshness)
            Network.Trace.Note(e.Time, Media.Host.Name, $"ICE consent freshness: from now on a consent check every {Agent.Options.ConsentSpacing} asks the peer \"may I still send?\" and keeps the NAT mappings on the path open");
        if (e is IceEvent.GatheringComplete g)
            _signalling.Send(_signallingServer, SignallingServer.Create(_session, Name, g.Description));
    }

    /// <summary>Frees the TURN allocation (RFC 8445 §8.3: release what the selected pair does not use; here at the end of the session).</summary>
    public void ReleaseRelay()
    {
        if (_relayed is null || !_relayed.Release(Network.Now)) return;
        Drain();
        _driver.Pump();
    }

    public override string ToString() => Agent.ToString();
}
