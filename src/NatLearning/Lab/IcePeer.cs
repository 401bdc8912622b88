using System.Net;
using NatLearning.Ice;
using NatLearning.Protocols;
using NatLearning.Simulation;
using NatLearning.Turn;

namespace NatLearning.Lab;

/// <summary>
/// An ICE agent placed on a simulated host: its media socket driven by a <see cref="SimulatedDriver"/>, and a second
/// socket that sends its description to the signalling server and hands the peer's to the agent.
/// </summary>
public sealed class IcePeer : IProtocolMachine, IStateReporter
{
    private readonly List<IceEvent> _events = [];
    private readonly List<IceEvent.DataReceived> _media = [];
    private readonly UdpSocket _signalling;
    private readonly IPEndPoint _signallingServer;
    private readonly string _session;
    private readonly SimulatedDriver _driver;
    private readonly TurnSide? _turn;

    /// <param name="turn">A TURN client (on its own socket) for a relayed candidate, or null.</param>
    public IcePeer(IceAgent agent, UdpSocket media, UdpSocket signalling, IPEndPoint signallingServer, string session, (TurnClient Client, UdpSocket Socket)? turn = null)
    {
        Agent = agent ?? throw new ArgumentNullException(nameof(agent));
        Media = media ?? throw new ArgumentNullException(nameof(media));
        _signalling = signalling ?? throw new ArgumentNullException(nameof(signalling));
        _signallingServer = signallingServer ?? throw new ArgumentNullException(nameof(signallingServer));
        _session = session;
        _signalling.Received += OnSignal;
        _driver = new SimulatedDriver(this, media);
        if (turn is { } t) _turn = new TurnSide(this, t.Client, t.Socket);
    }

    public IceAgent Agent { get; }
    public UdpSocket Media { get; }
    public string Name => Agent.Name;
    public Network Network => Media.Host.Network;

    /// <summary>Everything the agent reported, in order.</summary>
    public IReadOnlyList<IceEvent> Events => _events;

    /// <summary>The application data (media) that arrived once ICE had completed, in order.</summary>
    public IReadOnlyList<IceEvent.DataReceived> MediaReceived => _media;

    /// <summary>True once <see cref="Leave"/> was called.</summary>
    public bool Left { get; private set; }

    /// <summary>Discover: a host candidate for the media socket, then server-reflexive ones from <paramref name="stunServer"/> (if any).</summary>
    public void Start(IPEndPoint? stunServer)
    {
        var now = Network.Now;
        var since = Network.Trace.Events.Count;
        Agent.AddHostCandidate(now, Media.LocalEndPoint);
        if (_turn is not null)
        {
            Agent.ExpectRelayedCandidate();
            _turn.Client.Allocate(now);
            _turn.Driver.Pump();
        }
        if (stunServer is not null) Agent.GatherServerReflexive(now, stunServer);
        else Agent.FinishGathering(now);
        Drain();
        _driver.Pump(since);
    }

    /// <summary>The TURN client, when this peer has one.</summary>
    public TurnClient? Turn => _turn?.Client;

    public TimeSpan? NextTimeout() => Agent.NextTimeout();

    public IEnumerable<Protocols.StateTable> ReportState(TimeSpan now, string owner) => Agent.ReportState(now, owner);

    public bool NextTimeoutIsBackground => Agent.NextTimeoutIsBackground;

    /// <summary>Sends application data (media) on the selected pair; false when there is none (ICE not completed, or consent lost).</summary>
    public bool SendMedia(ReadOnlySpan<byte> data)
    {
        if (Left || !Agent.SendData(data.ToArray())) return false;
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
        if (_turn is null) return;
        _turn.Driver.Detach();
        foreach (var socket in _turn.Driver.Sockets) socket.Close();
    }

    public void HandleTimeout(TimeSpan now)
    {
        Agent.HandleTimeout(now);
        Drain();
    }

    public void HandleDatagram(TimeSpan now, Datagram datagram)
    {
        Agent.HandleDatagram(now, datagram);
        Drain();
    }

    public bool TryPollTransmit(out Datagram datagram)
    {
        while (Agent.TryPollTransmit(out datagram))
        {
            // From the relayed candidate: through the TURN client (a Send indication or ChannelData), not the media socket.
            if (_turn?.Client.RelayedAddress is { } relayed && datagram.Local.Equals(relayed))
            {
                _turn.Client.Send(Network.Now, datagram.Remote, datagram.Payload);
                _turn.Driver.Pump();
                continue;
            }
            return true;
        }
        return false;
    }

    private void OnSignal(UdpSocket socket, ReceivedDatagram d)
    {
        if (!SignallingServer.TryParse(d.Payload, out _, out var from, out var sdp) || from == Name) return;
        var since = Network.Trace.Events.Count;
        var remote = IceDescription.Parse(sdp);
        Agent.SetRemoteDescription(Network.Now, remote);
        Permit(remote.Candidates);
        Drain();
        _driver.Pump(since);
    }

    // The ICE progress a step-by-step player shows beside the packets.
    private static string? Describe(IceEvent e) => e switch
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

    private void Drain()
    {
        while (Agent.TryPollEvent(out var e))
        {
            _events.Add(e);
            if (e is IceEvent.DataReceived m) _media.Add(m);
            if (Network.Trace.Enabled && Describe(e) is { } note) Network.Trace.Note(e.Time, Media.Host.Name, note);
            if (Network.Trace.Enabled && e is IceEvent.Selected && Agent.Options.ConsentFreshness)
                Network.Trace.Note(e.Time, Media.Host.Name, $"ICE consent freshness: from now on a consent check every {Agent.Options.ConsentSpacing} asks the peer \"may I still send?\" and keeps the NAT mappings on the path open");
            if (e is IceEvent.GatheringComplete g)
                _signalling.Send(_signallingServer, SignallingServer.Create(_session, Name, g.Description));
            if (e is IceEvent.PeerReflexiveLearned { Local: false } p) Permit([p.Candidate]);
        }
    }

    /// <summary>TURN permissions for the peer's candidates, so their checks may come in through our relay (RFC 8445 §5.1.1.2 with RFC 8656 §9).</summary>
    private void Permit(IEnumerable<Candidate> remotes)
    {
        if (_turn is null || _turn.Client.State != TurnClientState.Allocated) return;
        var peers = remotes.Select(c => c.Address).Where(a => !Ipv4IsPrivate(a)).ToArray();
        if (peers.Length == 0) return;
        _turn.Client.CreatePermission(Network.Now, peers);
        _turn.Driver.Pump();
    }

    private static bool Ipv4IsPrivate(IPEndPoint e) => Addressing.Ipv4.Classify(e.Address) is not (Addressing.AddressKind.Public or Addressing.AddressKind.Documentation);

    /// <summary>Frees the TURN allocation (RFC 8445 §8.3: release what the selected pair does not use; here at the end of the session).</summary>
    public void ReleaseRelay()
    {
        if (_turn is null || _turn.Client.State != TurnClientState.Allocated) return;
        _turn.Client.Release(Network.Now);
        _turn.Driver.Pump();
    }

    private void OnTurnEvent(TurnEvent e)
    {
        var now = Network.Now;
        var since = Network.Trace.Events.Count;
        var client = _turn!.Client;
        switch (e.Kind)
        {
            case TurnEventKind.Allocated when Agent.State == IceAgentState.Gathering && client.RelayedAddress is { } relayed:
                Agent.AddRelayedCandidate(now, relayed, client.Server, client.MappedAddress);
                break;
            case TurnEventKind.Failed when Agent.State == IceAgentState.Gathering:
                Agent.RelayFailed(now, e.Description);
                break;
            case TurnEventKind.DataReceived when e.Peer is not null && e.Data is not null && client.RelayedAddress is { } at:
                Agent.HandleDatagram(now, new Datagram(at, e.Peer, e.Data));
                break;
            default:
                return;
        }
        Drain();
        _driver.Pump(since);
    }

    /// <summary>The TURN client with its own driver; its events go to the peer.</summary>
    private sealed class TurnSide : IProtocolMachine
    {
        private readonly IcePeer _peer;

        public TurnSide(IcePeer peer, TurnClient client, UdpSocket socket)
        {
            _peer = peer;
            Client = client;
            Driver = new SimulatedDriver(this, socket);
        }

        public TurnClient Client { get; }
        public SimulatedDriver Driver { get; }

        public TimeSpan? NextTimeout() => Client.NextTimeout();

        // In a call that goes on (consent freshness) the relay is refreshed for as long as the call lasts: background
        // work, like the consent checks. From the start, since a timer keeps the kind it was armed with; Run steps through them anyway.
        public bool NextTimeoutIsBackground => _peer.Agent.Options.ConsentFreshness || Client.NextTimeoutIsBackground;

        public void HandleTimeout(TimeSpan now)
        {
            Client.HandleTimeout(now);
            Drain();
        }

        public void HandleDatagram(TimeSpan now, Datagram datagram)
        {
            Client.HandleDatagram(now, datagram);
            Drain();
        }

        public bool TryPollTransmit(out Datagram datagram) => Client.TryPollTransmit(out datagram);

        private void Drain()
        {
            while (Client.TryPollEvent(out var e)) _peer.OnTurnEvent(e);
        }
    }

    public override string ToString() => Agent.ToString();
}
