using System.Net;
using NatLearning.Addressing;
using NatLearning.Nat;
using NatLearning.Packets;
using NatLearning.Protocols;

namespace NatLearning.Tracing;

/// <summary>
/// The ordered log of everything that happened in a network. Every view (packet list, pcap, Mermaid,
/// HTML) is drawn from it, so they always agree.
/// </summary>
public sealed class Trace
{
    private readonly List<TraceEvent> _events = [];
    private readonly List<TraceState> _states = [];
    private readonly Dictionary<string, StateTable> _lastState = [];   // by key: looked up, never iterated

    /// <summary>When false nothing is recorded (for speed); the simulation behaves the same.</summary>
    public bool Enabled { get; set; } = true;

    public IReadOnlyList<TraceEvent> Events => _events;

    /// <summary>The protocol machines' state tables, in the order they changed (see <see cref="RecordState"/>).</summary>
    public IReadOnlyList<TraceState> States => _states;

    /// <summary>
    /// Orders node names left to right by the topology of the network that writes this trace (null for a trace made on
    /// its own): given the names and the first sender. The simulator sets it; the trace knows no network.
    /// </summary>
    internal Func<IReadOnlyList<string>, string?, IReadOnlyList<string>>? Arrange { get; init; }

    /// <summary>The wire events: one row per packet per hop, as a capture on every link would show them.</summary>
    public IEnumerable<TraceEvent> WirePackets => _events.Where(e => e.IsWirePacket);

    /// <summary>What finally happened to the packet a wire event carried: its drop, or its delivery, or null.</summary>
    public TraceEvent? FateOf(TraceEvent wire)
    {
        for (var i = wire.Number; i < _events.Count; i++)
        {
            var e = _events[i];
            if (e.PacketId != wire.PacketId) continue;
            if (e.IsWirePacket) return null;   // it went on: the later row carries the fate
            if (e.Kind is TraceEventKind.Dropped or TraceEventKind.Delivered) return e;
        }
        return null;
    }

    /// <summary>A copy holding only the events that match.</summary>
    public Trace Where(Func<TraceEvent, bool> predicate)
    {
        var t = new Trace { Arrange = Arrange };
        var kept = new int[_events.Count + 1];   // kept[n]: how many of the first n events the copy keeps
        foreach (var e in _events)
        {
            var keep = predicate(e);
            if (keep) t._events.Add(e with { Number = t._events.Count + 1 });
            kept[e.Number] = t._events.Count;
        }
        // A state that held from event n on holds in the copy from the first kept event at or after n.
        foreach (var s in _states) t.RecordState(Math.Min(kept[s.FromEvent - 1] + 1, Math.Max(1, t._events.Count)), s.Table);
        return t;
    }

    public void Clear()
    {
        _events.Clear();
        _states.Clear();
        _lastState.Clear();
    }

    /// <summary>
    /// Records a protocol machine's state table as it holds from event number <paramref name="fromEvent"/> on (1 = the
    /// first; the event the input that changed it produced first). A table equal to the last one of its key is not
    /// recorded again; a second table of a key for the same event replaces the first.
    /// </summary>
    public void RecordState(int fromEvent, StateTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!Enabled) return;
        // Kept in order of FromEvent, which is how a timeline reads them (a machine driven inside another's input may report late).
        fromEvent = Math.Max(Math.Max(1, fromEvent), _states.Count > 0 ? _states[^1].FromEvent : 1);
        if (table.SameAs(_lastState.GetValueOrDefault(table.Key))) return;
        _lastState[table.Key] = table;
        var same = _states.FindLastIndex(s => s.Table.Key == table.Key);
        if (same >= 0 && _states[same].FromEvent == fromEvent) _states[same] = new TraceState(fromEvent, table);
        else _states.Add(new TraceState(fromEvent, table));
    }

    /// <summary>
    /// Every node the trace names, left to right as its diagrams draw them: for a network's trace by the topology
    /// (the simulator's topology: the first sender's side, the internet, the other side), otherwise in order of
    /// first appearance.
    /// </summary>
    public IReadOnlyList<string> NodesLeftToRight() => LeftToRight(NamesByFirstAppearance());

    internal List<string> NamesByFirstAppearance()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var e in _events)
        {
            if (seen.Add(e.Node)) names.Add(e.Node);
            if (e.NextHop is not null && seen.Add(e.NextHop)) names.Add(e.NextHop);
        }
        return names;
    }

    /// <summary><paramref name="names"/>, given in order of first appearance, in the order <see cref="NodesLeftToRight"/> gives.</summary>
    internal IReadOnlyList<string> LeftToRight(IReadOnlyList<string> names) =>
        Arrange is null ? names : Arrange(names, _events.FirstOrDefault(e => e.Kind == TraceEventKind.Sent)?.Node);

    public string ToPacketList() => PacketList.Render(this);
    public string ToMermaid(MermaidOptions? options = null) => MermaidSequence.Render(this, options);
    public byte[] ToPcap(PcapLinkType linkType = PcapLinkType.Ipv4) => Pcap.Write(this, linkType);
    public void WritePcap(string path, PcapLinkType linkType = PcapLinkType.Ipv4) => Pcap.WriteFile(path, this, linkType);

    public override string ToString() => ToPacketList();

    internal void Wire(TimeSpan time, TraceEventKind kind, string node, string? nextHop, Packet packet, IPEndPoint? origSrc = null, IPEndPoint? origDst = null, string? detail = null, NatTableEntry? mapping = null)
    {
        if (!Enabled) return;
        // A translation changes one side of the packet; the other side's endpoint object is shared, not made again.
        var source = origSrc is not null && Same(origSrc, packet.SourceIp, packet.SourcePort) ? origSrc : packet.Source;
        var destination = origDst is not null && Same(origDst, packet.DestinationIp, packet.DestinationPort) ? origDst : packet.Destination;
        Add(new TraceEvent
        {
            Number = _events.Count + 1, Time = time, Kind = kind, Node = node, NextHop = nextHop, PacketId = packet.Id,
            Source = source, Destination = destination, OriginalSource = origSrc, OriginalDestination = origDst,
            Bytes = packet.ToArray(), Detail = detail, Mapping = mapping,
        });
    }

    internal void Drop(TimeSpan time, string node, Packet packet, DropReason reason, string detail)
    {
        if (!Enabled) return;
        Add(new TraceEvent
        {
            Number = _events.Count + 1, Time = time, Kind = TraceEventKind.Dropped, Node = node, PacketId = packet.Id,
            Source = packet.Source, Destination = packet.Destination, Bytes = packet.ToArray(), Reason = reason, Detail = detail,
        });
    }

    internal void Delivered(TimeSpan time, string node, Packet packet)
    {
        if (!Enabled) return;
        Add(new TraceEvent
        {
            Number = _events.Count + 1, Time = time, Kind = TraceEventKind.Delivered, Node = node, PacketId = packet.Id,
            Source = packet.Source, Destination = packet.Destination,
            Detail = $"{node} received {packet.Payload.Length} bytes on port {packet.DestinationPort} from {Ipv4.Text(packet.SourceIp, packet.SourcePort)}",
        });
    }

    internal void MappingEvent(TimeSpan time, TraceEventKind kind, string node, NatTableEntry entry, string detail)
    {
        if (!Enabled) return;
        Add(new TraceEvent
        {
            Number = _events.Count + 1, Time = time, Kind = kind, Node = node,
            Source = entry.InsideLocal, Destination = entry.InsideGlobal, Mapping = entry, Detail = detail,
        });
    }

    /// <summary>Records a protocol-level note (public so that protocol drivers can add theirs).</summary>
    public void Note(TimeSpan time, string node, string detail)
    {
        if (!Enabled) return;
        Add(new TraceEvent { Number = _events.Count + 1, Time = time, Kind = TraceEventKind.Note, Node = node, Detail = detail });
    }

    private void Add(TraceEvent e) => _events.Add(e);

    private static bool Same(IPEndPoint e, uint ip, ushort port) => e.Port == port && Ipv4.ToUInt32(e.Address) == ip;
}
