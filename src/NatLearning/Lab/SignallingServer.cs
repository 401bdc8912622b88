using System.Net;
using System.Text;
using NatLearning.HolePunching;
using NatLearning.Ice;
using NatLearning.Protocols;

namespace NatLearning.Lab;

/// <summary>
/// The one server both peers of an experiment can reach, sans-I/O: it introduces the peers of a session to each other.
/// <list type="bullet">
/// <item>Hole punchers (<see cref="SignalMessage"/>): WHOAMI is answered with the endpoint the server sees (a reflector,
/// like STUN); once both peers of a session have sent REGISTER, each is told the endpoint the other advertised (PEER).</item>
/// <item>ICE agents: each sends one message, "ICE session name" and its description in SDP lines; the server passes each
/// description to the other peer of the session, holding it until that peer has written (so its NAT has a mapping
/// toward the server).</item>
/// </list>
/// Real systems use WebSocket and full SDP; the job, meeting through a third party both can reach, is the same.
/// </summary>
public sealed class SignallingServer : IProtocolMachine
{
    public const string Verb = "ICE";

    private readonly Queue<Datagram> _out = new();
    private readonly Dictionary<string, List<(string Name, IPEndPoint Seen, byte[] Message)>> _sessions = [];
    private readonly Dictionary<string, List<(string Name, IPEndPoint Seen, IPEndPoint Advertised)>> _registrations = [];

    public SignallingServer(IPEndPoint local)
    {
        Local = local ?? throw new ArgumentNullException(nameof(local));
    }

    public IPEndPoint Local { get; }
    public long MessagesForwarded { get; private set; }

    public TimeSpan? NextTimeout() => null;

    public void HandleTimeout(TimeSpan now) { }

    public bool TryPollTransmit(out Datagram datagram) => _out.TryDequeue(out datagram);

    public void HandleDatagram(TimeSpan now, Datagram datagram)
    {
        if (SignalMessage.TryParse(datagram.Payload.Span, out var signal))
        {
            Introduce(datagram, signal);
            return;
        }
        if (!TryParse(datagram.Payload.Span, out var session, out var name, out _)) return;
        if (!_sessions.TryGetValue(session, out var peers)) _sessions[session] = peers = [];
        peers.RemoveAll(p => p.Name == name);
        var message = datagram.Payload.ToArray();
        foreach (var other in peers)
        {
            Forward(other.Seen, message);         // our description to those already here
            Forward(datagram.Remote, other.Message);   // and theirs, held until now, to us
        }
        peers.Add((name, datagram.Remote, message));
    }

    // The hole punchers' rendezvous: WHOAMI is answered at once, REGISTER waits for the session's other peer.
    private void Introduce(Datagram datagram, SignalMessage m)
    {
        if (m.Verb == SignalMessage.WhoAmI)
        {
            Send(datagram.Remote, SignalMessage.Create(SignalMessage.YouAre, datagram.Remote.ToString()));
            return;
        }
        if (m.Verb != SignalMessage.Register || m.Args.Count < 3) return;
        var (session, name) = (m.Args[0], m.Args[1]);
        var advertised = SignalMessage.ParseEndpoint(m.Args[2]) ?? datagram.Remote;
        if (!_registrations.TryGetValue(session, out var peers)) _registrations[session] = peers = [];
        peers.RemoveAll(p => p.Name == name);
        peers.Add((name, datagram.Remote, advertised));
        if (peers.Count < 2) return;
        foreach (var p in peers)
            foreach (var other in peers.Where(o => o.Name != p.Name))
                Send(p.Seen, SignalMessage.Create(SignalMessage.Peer, other.Name, other.Advertised.ToString()));
    }

    private void Send(IPEndPoint to, SignalMessage m) => _out.Enqueue(new Datagram(Local, to, m.ToBytes()));

    private void Forward(IPEndPoint to, byte[] message)
    {
        MessagesForwarded++;
        _out.Enqueue(new Datagram(Local, to, message));
    }

    /// <summary>The bytes of a signalling message.</summary>
    public static byte[] Create(string session, string name, IceDescription description) =>
        Encoding.ASCII.GetBytes($"{Verb} {session} {name}\n{description.ToSdp()}");

    /// <summary>Reads "ICE session name" and the SDP lines after it; false for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, out string session, out string name, out string sdp)
    {
        session = name = sdp = "";
        if (payload.Length < 6 || !payload.StartsWith("ICE "u8)) return false;
        var text = Encoding.ASCII.GetString(payload);
        var newline = text.IndexOf('\n');
        if (newline < 0) return false;
        var head = text[..newline].Split(' ');
        if (head.Length != 3) return false;
        (session, name, sdp) = (head[1], head[2], text[(newline + 1)..]);
        return true;
    }
}
