using System.Net;
using NatLearning.Protocols;

namespace NatLearning.HolePunching;

/// <summary>
/// The signalling server both peers can reach: it answers WHOAMI with the endpoint it sees (a reflector, like STUN)
/// and, once both peers of a session have registered, tells each the endpoint the other advertised. Sans-I/O.
/// </summary>
public sealed class RendezvousServer : IProtocolMachine
{
    private readonly Queue<Datagram> _out = new();
    private readonly Dictionary<string, List<(string Name, IPEndPoint Seen, IPEndPoint Advertised)>> _sessions = [];

    public RendezvousServer(IPEndPoint local)
    {
        Local = local;
    }

    public IPEndPoint Local { get; }

    public TimeSpan? NextTimeout() => null;

    public void HandleTimeout(TimeSpan now) { }

    public bool TryPollTransmit(out Datagram datagram) => _out.TryDequeue(out datagram);

    public void HandleDatagram(TimeSpan now, Datagram datagram)
    {
        if (!SignalMessage.TryParse(datagram.Payload.Span, out var m)) return;
        if (m.Verb == SignalMessage.WhoAmI)
        {
            Send(datagram.Remote, SignalMessage.Create(SignalMessage.YouAre, datagram.Remote.ToString()));
            return;
        }
        if (m.Verb != SignalMessage.Register || m.Args.Count < 3) return;
        var (session, name) = (m.Args[0], m.Args[1]);
        var advertised = SignalMessage.ParseEndpoint(m.Args[2]) ?? datagram.Remote;
        if (!_sessions.TryGetValue(session, out var peers)) _sessions[session] = peers = [];
        peers.RemoveAll(p => p.Name == name);
        peers.Add((name, datagram.Remote, advertised));
        if (peers.Count < 2) return;
        foreach (var p in peers)
            foreach (var other in peers.Where(o => o.Name != p.Name))
                Send(p.Seen, SignalMessage.Create(SignalMessage.Peer, other.Name, other.Advertised.ToString()));
    }

    private void Send(IPEndPoint to, SignalMessage m) => _out.Enqueue(new Datagram(Local, to, m.ToBytes()));
}
