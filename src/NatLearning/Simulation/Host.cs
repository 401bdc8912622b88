using System.Net;
using NatLearning.Addressing;
using NatLearning.Packets;
using NatLearning.Tracing;

namespace NatLearning.Simulation;

/// <summary>A computer with one address and a UDP stack: Alice's laptop, Bob's phone, a STUN server.</summary>
public sealed class Host : Node
{
    /// <summary>First port handed out by <see cref="Bind"/> with port 0 (the IANA dynamic range).</summary>
    public const int FirstEphemeralPort = 49152;

    private readonly Dictionary<ushort, UdpSocket> _sockets = [];
    private int _nextEphemeral = FirstEphemeralPort;
    private ushort _ipId;

    internal Host(Network network, string name, Segment segment, uint address, Link link) : base(network, name)
    {
        Attachment = segment.Attach(this, address, link);
    }

    public Attachment Attachment { get; }
    public IPAddress Address => Attachment.Address;
    public Segment Segment => Attachment.Segment;

    /// <summary>Opens a socket on <paramref name="port"/> (0 picks a free ephemeral port).</summary>
    public UdpSocket Bind(int port = 0)
    {
        if (port is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(port), port, "A UDP port is 0 to 65535.");
        if (port == 0)
        {
            while (_sockets.ContainsKey((ushort)_nextEphemeral)) _nextEphemeral = _nextEphemeral == 65535 ? FirstEphemeralPort : _nextEphemeral + 1;
            port = _nextEphemeral;
            _nextEphemeral = _nextEphemeral == 65535 ? FirstEphemeralPort : _nextEphemeral + 1;
        }
        if (_sockets.ContainsKey((ushort)port)) throw new InvalidOperationException($"Port {port} on {Name} is already bound.");
        var s = new UdpSocket(this, (ushort)port);
        _sockets[(ushort)port] = s;
        return s;
    }

    public IReadOnlyCollection<UdpSocket> Sockets => _sockets.Values;

    internal void Unbind(UdpSocket socket) => _sockets.Remove(socket.Port);

    internal void SendFrom(UdpSocket socket, uint dstIp, ushort dstPort, ReadOnlySpan<byte> payload)
    {
        var packet = Network.NewPacket(Attachment.AddressValue, socket.Port, dstIp, dstPort, payload, _ipId++);
        Network.Transmit(Attachment, packet, TraceEventKind.Sent);
    }

    internal override void Receive(Packet packet, Attachment via)
    {
        var trace = Network.Trace;
        if (packet.DestinationIp != Attachment.AddressValue)
        {
            Network.DropAt(Name, packet, DropReason.NoRoute, $"{Name} ({Address}) is not {Ipv4.Format(packet.DestinationIp)}");
            return;
        }
        if (!_sockets.TryGetValue(packet.DestinationPort, out var socket))
        {
            Network.DropAt(Name, packet, DropReason.PortUnreachable, $"{Name} has no socket on port {packet.DestinationPort}");
            return;
        }
        trace.Delivered(Network.Now, Name, packet);
        if (socket.WantsDatagrams) socket.Deliver(new ReceivedDatagram(Network.Now, Network.EndPoint(packet.SourceIp, packet.SourcePort), socket.LocalEndPoint, packet.Payload.ToArray()));
        else socket.Count();
        Network.Recycle(packet);
    }

    public override string ToString() => $"{Name} ({Address})";
}
