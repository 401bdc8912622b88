using System.Net;
using NatLearning.Protocols;
using NatLearning.Simulation;

namespace NatLearning.Ice;

/// <summary>
/// An ICE agent placed on a simulated host: its media socket driven by a <see cref="SimulatedDriver"/>, and a second
/// socket that sends its description to the signalling server and hands the peer's to the agent.
/// </summary>
public sealed class IcePeer : IProtocolMachine
{
    private readonly List<IceEvent> _events = [];
    private readonly UdpSocket _signalling;
    private readonly IPEndPoint _signallingServer;
    private readonly string _session;
    private readonly SimulatedDriver _driver;

    public IcePeer(IceAgent agent, UdpSocket media, UdpSocket signalling, IPEndPoint signallingServer, string session)
    {
        Agent = agent ?? throw new ArgumentNullException(nameof(agent));
        Media = media ?? throw new ArgumentNullException(nameof(media));
        _signalling = signalling ?? throw new ArgumentNullException(nameof(signalling));
        _signallingServer = signallingServer ?? throw new ArgumentNullException(nameof(signallingServer));
        _session = session;
        _signalling.Received += OnSignal;
        _driver = new SimulatedDriver(this, media);
    }

    public IceAgent Agent { get; }
    public UdpSocket Media { get; }
    public string Name => Agent.Name;
    public Network Network => Media.Host.Network;

    /// <summary>Everything the agent reported, in order.</summary>
    public IReadOnlyList<IceEvent> Events => _events;

    /// <summary>Discover: a host candidate for the media socket, then server-reflexive ones from <paramref name="stunServer"/> (if any).</summary>
    public void Start(IPEndPoint? stunServer)
    {
        var now = Network.Now;
        Agent.AddHostCandidate(now, Media.LocalEndPoint);
        if (stunServer is null) Agent.FinishGathering(now);
        else Agent.GatherServerReflexive(now, stunServer);
        Drain();
        _driver.Pump();
    }

    public TimeSpan? NextTimeout() => Agent.NextTimeout();

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

    public bool TryPollTransmit(out Datagram datagram) => Agent.TryPollTransmit(out datagram);

    private void OnSignal(UdpSocket socket, ReceivedDatagram d)
    {
        if (!SignallingServer.TryParse(d.Payload, out _, out var from, out var sdp) || from == Name) return;
        Agent.SetRemoteDescription(Network.Now, IceDescription.Parse(sdp));
        Drain();
        _driver.Pump();
    }

    private void Drain()
    {
        while (Agent.TryPollEvent(out var e))
        {
            _events.Add(e);
            if (e is IceEvent.GatheringComplete g)
                _signalling.Send(_signallingServer, SignallingServer.Create(_session, Name, g.Description));
        }
    }

    public override string ToString() => Agent.ToString();
}
