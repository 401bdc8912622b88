using System.Net;
using System.Runtime.CompilerServices;
using NatLearning.Nat;
using NatLearning.Packets;
using NatLearning.Tracing;

namespace NatLearning.Simulation;

/// <summary>
/// A simulated internet: the public core, the hosts and NAT routers on it, one virtual clock and one trace.
/// The same seed always gives the same packets, byte for byte.
/// </summary>
/// <example>
/// <code>
/// var net = new Network(seed: 1);
/// var aliceRouter = net.AddNat("Alice's router", NatBehavior.PortRestrictedCone, "49.36.10.25");
/// var alice = aliceRouter.AddHost("Alice", "192.168.1.10");
/// var google = net.AddHost("Google", "142.250.1.1");
/// </code>
/// </example>
public sealed class Network
{
    private readonly List<Node> _nodes = [];
    private readonly Dictionary<string, Node> _byName = new(StringComparer.Ordinal);
    private long _packetIds;

    public Network(long seed = 1)
    {
        Random = new SeededRandom(seed);
        Seed = seed;
        Internet = new PublicInternet(this);
        Trace = new Trace { Arrange = (names, firstSender) => Topology.LeftToRight(this, names, firstSender) };
    }

    public long Seed { get; }
    public SeededRandom Random { get; }
    public Scheduler Scheduler { get; } = new();
    /// <summary>The timeline of this network's whole trace, with a table for each of its NATs: what a step-by-step player shows.</summary>
    public TraceTimeline Timeline() =>
        TraceTimeline.From(Trace, Nats.Select(n => (n.Name, $"{n.Behavior.ClassicName}, {n.Behavior.ShortName}", n.Behavior.OneToOne ? n.Table.Entries : [])));

    public Trace Trace { get; }
    public PublicInternet Internet { get; }

    /// <summary>The virtual time now.</summary>
    public TimeSpan Now => Scheduler.Now;

    public IReadOnlyList<Node> Nodes => _nodes;
    public IEnumerable<Host> Hosts => _nodes.OfType<Host>();
    public IEnumerable<NatRouter> Nats => _nodes.OfType<NatRouter>();

    /// <summary>A node by name; an unknown name gives a KeyNotFoundException listing the names.</summary>
    public Node this[string name] => _byName.TryGetValue(name, out var n)
        ? n
        : throw new KeyNotFoundException($"No node is called '{name}'. Nodes: {string.Join(", ", _nodes.Select(x => x.Name))}.");

    internal bool TryGetNode(string name, out Node node) => _byName.TryGetValue(name, out node!);

    /// <summary>Adds a host with a public address on the internet.</summary>
    public Host AddHost(string name, string publicAddress, Link? link = null) => Internet.AddHost(name, publicAddress, link);

    /// <summary>Adds a NAT router on the internet with a LAN behind it.</summary>
    public NatRouter AddNat(string name, NatBehavior behavior, string publicAddress, string lan = "192.168.1.0/24", Link? link = null, IEnumerable<string>? morePublicAddresses = null) =>
        Internet.AddNat(name, behavior, publicAddress, lan, link, morePublicAddresses);

    /// <summary>Every NAT table as it stands now.</summary>
    public IReadOnlyList<NatTable> NatTables() => Nats.Select(n => n.Table).ToList();

    public long RunUntilIdle() => Scheduler.RunUntilIdle();
    public long RunFor(TimeSpan duration) => Scheduler.RunFor(duration);
    public long RunUntil(TimeSpan time) => Scheduler.RunUntil(time);
    public bool Step() => Scheduler.Step();

    internal T Register<T>(T node) where T : Node
    {
        if (string.IsNullOrWhiteSpace(node.Name)) throw new ArgumentException("A node needs a name.");
        if (!_byName.TryAdd(node.Name, node)) throw new ArgumentException($"A node called '{node.Name}' already exists.");
        _nodes.Add(node);
        return node;
    }

    internal long NextPacketId() => ++_packetIds;

    // Packets whose journey has ended (delivered or dropped), kept for reuse: a datagram then costs no allocation.
    // Safe because nothing outside the simulation holds a Packet; the trace and received datagrams take copies.
    private readonly Stack<Packet> _sparePackets = new();
    private const int MaxSparePackets = 4096;

    internal Packet NewPacket(uint srcIp, ushort srcPort, uint dstIp, ushort dstPort, ReadOnlySpan<byte> payload, ushort identification) =>
        Packet.Create(NextPacketId(), srcIp, srcPort, dstIp, dstPort, payload, identification,
            reuse: _sparePackets.TryPop(out var spare) ? spare : null);

    // The endpoints datagrams are delivered from: a host hears from a few peers many times, so one object per endpoint.
    private readonly Dictionary<ulong, IPEndPoint> _endPoints = [];
    private const int MaxEndPoints = 4096;

    internal IPEndPoint EndPoint(uint ip, ushort port)
    {
        var key = (ulong)ip << 16 | port;
        if (_endPoints.TryGetValue(key, out var e)) return e;
        if (_endPoints.Count >= MaxEndPoints) _endPoints.Clear();
        return _endPoints[key] = new IPEndPoint(Addressing.Ipv4.FromUInt32(ip), port);
    }

    /// <summary>Called where a packet's journey ends; the packet must not be touched afterwards.</summary>
    internal void Recycle(Packet packet)
    {
        if (_sparePackets.Count < MaxSparePackets) _sparePackets.Push(packet);
    }

    /// <summary>Puts a packet on the wire from <paramref name="from"/>; it arrives at the next node after both links' latency.</summary>
    internal void Transmit(Attachment from, Packet packet, TraceEventKind kind, IPEndPoint? origSrc = null, IPEndPoint? origDst = null, string? detail = null, NatTableEntry? mapping = null)
    {
        var to = from.Segment.Resolve(packet.DestinationIp, from);
        if (Trace.Enabled) Trace.Wire(Now, kind, from.Node.Name, to?.Node.Name, packet, origSrc, origDst, detail, mapping);
        if (to is null)
        {
            DropAt(from.Segment.Name, packet, DropReason.NoRoute, $"{from.Segment.WhyUnreachable(packet.DestinationIp)}");
            return;
        }
        if (from.Link.Loss > 0 && Random.NextDouble() < from.Link.Loss || to.Link.Loss > 0 && Random.NextDouble() < to.Link.Loss)
        {
            DropAt(from.Segment.Name, packet, DropReason.LinkLoss, $"lost on the way from {from.Node.Name} to {to.Node.Name}");
            return;
        }
        var delay = from.Link.Latency + to.Link.Latency;
        if (from.Segment == Internet) delay += Internet.PathDelay(from.AddressValue, to.AddressValue);
        Scheduler.ScheduleArrival(Now + delay, to.Node, packet, to);
    }

    /// <summary>Ends a packet's journey with a reason; the sentence is formatted only when the trace is on.</summary>
    internal void DropAt(string node, Packet packet, DropReason reason, [InterpolatedStringHandlerArgument("")] ref TraceDetail detail)
    {
        DropCount++;
        if (detail.Enabled) Trace.Drop(Now, node, packet, reason, detail.ToStringAndClear());
        Recycle(packet);
    }

    /// <summary>Packets dropped so far (counted with tracing on or off).</summary>
    public long DropCount { get; private set; }
}
