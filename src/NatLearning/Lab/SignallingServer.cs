using System.Net;
using System.Text;
using NatLearning.Ice;
using NatLearning.Protocols;

namespace NatLearning.Lab;

/// <summary>
/// The signalling server of the ICE experiments (sans-I/O): each peer sends it one message, "ICE session name" and its
/// description in SDP lines; the server passes each description to the other peer of the session, holding it until
/// that peer has written (so its NAT has a mapping toward the server). Real systems use WebSocket and full SDP.
/// </summary>
public sealed class SignallingServer : IProtocolMachine
{
    public const string Verb = "ICE";

    private readonly Queue<Datagram> _out = new();
    private readonly Dictionary<string, List<(string Name, IPEndPoint Seen, byte[] Message)>> _sessions = [];

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
