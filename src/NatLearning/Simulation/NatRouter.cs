using System.Net;
using System.Runtime.CompilerServices;
using NatLearning.Addressing;
using NatLearning.Nat;
using NatLearning.Packets;
using NatLearning.Tracing;

namespace NatLearning.Simulation;

/// <summary>
/// A NAT router between an inside LAN and an outside segment, behaving as RFC 4787 describes:
/// mapping and filtering behaviour, port allocation, mapping timers, hairpinning. Also a 1:1 NAT
/// and a stateful firewall, by its <see cref="NatBehavior"/>. The decisions are its <see cref="NatTranslator"/>'s; the
/// router is the node that applies them: it rewrites the packet (RFC 1624 checksum update), runs the mapping timers on
/// the scheduler and writes each translation, mapping and drop into the trace.
/// </summary>
public sealed class NatRouter : Node
{
    private readonly uint[] _pool;
    private readonly NatTranslator _translator;

    internal NatRouter(Network network, string name, NatBehavior behavior, Segment outsideSegment, List<uint> pool, AddressRange lanRange, Link link)
        : base(network, name)
    {
        if (behavior.FirstPort > behavior.LastPort)
            throw new ArgumentException($"NAT {name}: FirstPort {behavior.FirstPort} is above LastPort {behavior.LastPort}.", nameof(behavior));
        Behavior = behavior;
        _pool = [.. pool];
        _translator = new NatTranslator(behavior, _pool, network.Random.Fork().Next);
        if (!behavior.Translates)
        {
            if (outsideSegment is not PublicInternet internet)
                throw new ArgumentException($"Firewall {name}: a non-translating firewall must sit on the public internet.");
            if (!Ipv4.IsGloballyRoutable(lanRange.Network))
                throw new ArgumentException($"Firewall {name}: its LAN {lanRange} must use public addresses, since it translates nothing.");
            Outside = outsideSegment.Attach(this, _pool[0], link);
            internet.AddRoute(lanRange, Outside);
        }
        else
        {
            if (lanRange.Contains(_pool[0]))
                throw new ArgumentException($"NAT {name}: its public address {Ipv4.Format(_pool[0])} lies inside its own LAN {lanRange}.");
            Outside = outsideSegment.Attach(this, _pool[0], link, _pool.Skip(1));
        }
        Inside = new Lan(network, $"{name} LAN", lanRange);
        var gatewayIp = lanRange.NetworkValue + 1;
        Inside.Gateway = Inside.Attach(this, gatewayIp, Link.Lan);
    }

    public NatBehavior Behavior { get; }

    /// <summary>The interface on the outside segment (the internet, or a carrier-grade NAT's LAN).</summary>
    public Attachment Outside { get; }

    /// <summary>The LAN behind this router. Add hosts (or further NATs) to it.</summary>
    public Lan Inside { get; }

    public IReadOnlyList<IPAddress> PublicAddresses => _pool.Select(Ipv4.FromUInt32).ToList();
    public IPAddress PublicAddress => Ipv4.FromUInt32(_pool[0]);

    /// <summary>Adds a host to this router's LAN.</summary>
    public Host AddHost(string name, string address, Link? link = null) => Inside.AddHost(name, address, link);

    /// <summary>Adds a NAT router inside this one's LAN (double NAT).</summary>
    public NatRouter AddNat(string name, NatBehavior behavior, string outsideAddress, string lan = "192.168.1.0/24", Link? link = null) =>
        Inside.AddNat(name, behavior, outsideAddress, lan, link);

    /// <summary>The translation table as it stands now.</summary>
    public NatTable Table => _translator.Table(Name, Network.Now);

    /// <summary>How many mappings are live now.</summary>
    public int MappingCount => _translator.MappingCount;

    internal override void Receive(Packet packet, Attachment via)
    {
        var flow = new UdpFlow(packet.SourceIp, packet.SourcePort, packet.DestinationIp, packet.DestinationPort);
        // One verdict local, assigned on each branch, so the verdict is built where it is read (not copied through temps).
        NatVerdict verdict;
        if (via == Outside) verdict = _translator.Inbound(flow, Network.Now);
        else if (_translator.IsHairpin(flow)) verdict = _translator.Hairpin(flow, Network.Now);
        else verdict = _translator.Outbound(flow, Network.Now);
        if (_translator.HasChanges) ApplyTableChanges();
        if (!verdict.Passes) Drop(packet, verdict);
        else if (verdict.Direction == NatDirection.Hairpin) HairpinBack(packet, verdict);
        else Forward(packet, verdict);
    }

    /// <summary>A host joined the LAN: a 1:1 NAT gives it the next public address.</summary>
    internal void InsideAttached(Attachment a) => _translator.AddInsideHost(a.AddressValue);

    // The translator's table changes, in the order they happened: trace them, and time each new mapping out.
    private void ApplyTableChanges()
    {
        while (_translator.TryPollChange(out var change))
        {
            var m = change.Mapping;
            if (change.Kind == NatTableChangeKind.MappingCreated)
            {
                if (Network.Trace.Enabled)
                    Network.Trace.MappingEvent(Network.Now, TraceEventKind.MappingCreated, Name, _translator.Snapshot(m),
                        $"{Name} maps {Ipv4.Format(m.InsideIp, m.InsidePort)} to {Ipv4.Format(m.PublicIp, m.PublicPort)}" +
                        (Behavior.Mapping == MappingBehavior.EndpointIndependent ? " for every destination" : $" for {DescribeKey(m)} only") +
                        $", for {Behavior.MappingLifetime.TotalSeconds:0} s unless refreshed");
                ScheduleExpiryCheck(m);
            }
            else if (Network.Trace.Enabled)
                Network.Trace.MappingEvent(m.Expires, TraceEventKind.MappingExpired, Name, _translator.Snapshot(m),
                    $"{Name}: mapping {Ipv4.Format(m.InsideIp, m.InsidePort)} ↔ {Ipv4.Format(m.PublicIp, m.PublicPort)} expired (idle since {m.LastUsed.TotalSeconds:0.000}s)");
        }
    }

    // A method of its own: a lambda capturing m in the caller would allocate its closure on every packet.
    private void ScheduleExpiryCheck(NatMapping m) => Network.Scheduler.AtInBackground(m.Expires, () => CheckExpiry(m));

    private void CheckExpiry(NatMapping m)
    {
        if (_translator.CheckExpiry(m, Network.Now)) ScheduleExpiryCheck(m);
        else ApplyTableChanges();
    }

    // The sentences of each drop, from what the verdict says.
    private void Drop(Packet packet, in NatVerdict v)
    {
        var (srcIp, srcPort, dstIp, dstPort) = (packet.SourceIp, packet.SourcePort, packet.DestinationIp, packet.DestinationPort);
        switch (v.Drop)
        {
            case NatDropReason.OutboundBlocked:
                Network.DropAt(Name, packet, DropReason.OutboundBlocked,
                    $"{Name} blocks outbound UDP: {packet.Source} → {packet.Destination} may not leave (only web traffic, TCP 80/443, would)");
                break;
            case NatDropReason.HairpinOff:
                Network.DropAt(Name, packet, DropReason.HairpinOff,
                    $"{Name} does not hairpin: {Ipv4.Format(srcIp)} sent to the NAT's own public address {Ipv4.Format(dstIp, dstPort)}");
                break;
            case NatDropReason.NoFreePort when Behavior.OneToOne:
                Network.DropAt(Name, packet, DropReason.NoFreePort, $"{Name} has no public address left for {Ipv4.Format(srcIp)} (1:1 NAT, {_pool.Length} addresses)");
                break;
            case NatDropReason.NoFreePort:
                Network.DropAt(Name, packet, DropReason.NoFreePort, $"{Name} has no free public port on {Ipv4.Format(v.PublicIp)} for a new mapping");
                break;
            case NatDropReason.NoMapping when Behavior.OneToOne:
                Network.DropAt(Name, packet, DropReason.NoMapping, $"{Name}: no inside host owns {Ipv4.Format(dstIp)} (1:1 NAT)");
                break;
            case NatDropReason.NoMapping:
                Network.DropAt(Name, packet, DropReason.NoMapping,
                    $"{Name}: no mapping for {Ipv4.Format(dstIp, dstPort)}; nobody inside asked for this packet, so it is blocked");
                break;
            case NatDropReason.MappingExpired:
                Network.DropAt(Name, packet, DropReason.MappingExpired,
                    $"{Name}: the mapping for {Ipv4.Format(dstIp, dstPort)} expired at {v.ExpiredAt.TotalSeconds:0.000}s; the hole has closed");
                break;
            default:
                // A filter's drop: the source it judged is the packet's, or for a hairpinned packet the sender's public endpoint.
                if (v.Direction == NatDirection.Hairpin) (srcIp, srcPort) = (v.Mapping!.PublicIp, v.Mapping.PublicPort);
                DropFiltered(packet, v, srcIp, srcPort);
                break;
        }
    }

    // RFC 4787 §5: a drop names the filtering behaviour, and, filtering per mapping, the row the packet hit and a sibling
    // row that did contact the source, if any.
    private void DropFiltered(Packet packet, in NatVerdict v, uint srcIp, ushort srcPort)
    {
        var m = v.Hit!;
        var sibling = v.Sibling;
        var single = Behavior.Mapping == MappingBehavior.EndpointIndependent;
        var perEndpoint = !single && Behavior.FilteringScope == FilteringScope.PerInternalEndpoint;
        var reason = v.Drop == NatDropReason.FilteredByPort ? DropReason.FilteredByPort : DropReason.FilteredByAddress;
        if (!Network.Trace.Enabled)
        {
            Network.DropAt(Name, packet, reason, $"");
            return;
        }
        var inside = Ipv4.Text(m.InsideIp, m.InsidePort);
        var through = single || perEndpoint ? "" : $" through mapping {Ipv4.Text(m.PublicIp, m.PublicPort)} (made for {DescribeKey(m)})";
        var elsewhere = sibling is null || perEndpoint ? "" : $"; its mapping {Ipv4.Text(sibling.PublicIp, sibling.PublicPort)} did, but a packet is admitted only by the mapping it hits";
        if (Behavior.Filtering == FilteringBehavior.AddressDependent)
            Network.DropAt(Name, packet, reason,
                $"{Name}: {inside} never sent to {Ipv4.Format(srcIp)}{through} (address-dependent filtering){elsewhere}");
        else if (reason == DropReason.FilteredByPort)
            Network.DropAt(Name, packet, reason,
                $"{Name}: {inside} sent to {Ipv4.Format(srcIp)}{through}, but never to port {srcPort} (address-and-port-dependent filtering){elsewhere}");
        else
            Network.DropAt(Name, packet, reason,
                $"{Name}: {inside} never sent to {Ipv4.Text(srcIp, srcPort)}{through} (address-and-port-dependent filtering){elsewhere}");
    }

    private void HairpinBack(Packet packet, in NatVerdict v)
    {
        var origSrc = packet.Source;
        var origDst = packet.Destination;
        var f = v.Flow;
        packet.RewriteSource(f.SourceIp, f.SourcePort);
        packet.RewriteDestination(f.DestinationIp, f.DestinationPort);
        if (!packet.DecrementTtl())
        {
            Network.DropAt(Name, packet, DropReason.TtlExpired, $"{Name}: TTL reached zero");
            return;
        }
        Network.Transmit(Inside.Gateway, packet, TraceEventKind.Translated, origSrc, origDst,
            $"{Name} hairpins: {origSrc} → {origDst} becomes {packet.Source} → {packet.Destination}", v.Mapping is null ? null : _translator.Snapshot(v.Mapping));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Forward(Packet packet, in NatVerdict v)
    {
        if (Network.Trace.Enabled)
        {
            ForwardTraced(packet, v);
            return;
        }
        // The hot path, small enough to inline: rewrite, count the hop, send.
        var isInbound = v.Direction == NatDirection.Inbound;
        if (Behavior.Translates)
        {
            if (isInbound) packet.RewriteDestination(v.Flow.DestinationIp, v.Flow.DestinationPort);
            else packet.RewriteSource(v.Flow.SourceIp, v.Flow.SourcePort);
        }
        if (!packet.DecrementTtl())
        {
            DropTtlExpired(packet);
            return;
        }
        Network.Transmit(isInbound ? Inside.Gateway : Outside, packet, Behavior.Translates ? TraceEventKind.Translated : TraceEventKind.Forwarded);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]   // rare: kept out of the inlined forwarding path
    private void DropTtlExpired(Packet packet) => Network.DropAt(Name, packet, DropReason.TtlExpired, $"{Name}: TTL reached zero");

    [MethodImpl(MethodImplOptions.NoInlining)]   // keeps the sentences out of the untraced path
    private void ForwardTraced(Packet packet, in NatVerdict v)
    {
        var isInbound = v.Direction == NatDirection.Inbound;
        var (srcIp, srcPort, dstIp, dstPort) = (packet.SourceIp, packet.SourcePort, packet.DestinationIp, packet.DestinationPort);
        var (newIp, newPort) = isInbound ? (v.Flow.DestinationIp, v.Flow.DestinationPort) : (v.Flow.SourceIp, v.Flow.SourcePort);
        if (Behavior.Translates)
        {
            if (isInbound) packet.RewriteDestination(newIp, newPort);
            else packet.RewriteSource(newIp, newPort);
        }
        if (!packet.DecrementTtl())
        {
            Network.DropAt(Name, packet, DropReason.TtlExpired, $"{Name}: TTL reached zero");
            return;
        }
        string? note = null;
        if (Behavior.OneToOne)
            note = isInbound ? $"1:1 NAT: {Ipv4.Format(dstIp)} is {Ipv4.Format(newIp)}" : $"1:1 NAT: {Ipv4.Format(srcIp)} is always {Ipv4.Format(newIp)}";
        else if (isInbound && v.Sibling is { } sibling)
            note = $"admitted because {Ipv4.Text(newIp, newPort)}'s other mapping {Ipv4.Text(sibling.PublicIp, sibling.PublicPort)} sent to {Ipv4.Text(srcIp, srcPort)}: filtering per internal endpoint";
        string detail;
        if (!Behavior.Translates)
            detail = $"{Name} lets {(isInbound ? "an expected reply in" : "outgoing traffic out")} unchanged";
        else if (isInbound)
            detail = $"{Name} translates destination {Ipv4.Text(dstIp, dstPort)} → {Ipv4.Text(newIp, newPort)}";
        else
            detail = $"{Name} translates source {Ipv4.Text(srcIp, srcPort)} → {Ipv4.Text(newIp, newPort)}";
        if (note is not null) detail += $" ({note})";
        var origSrc = new IPEndPoint(Ipv4.FromUInt32(srcIp), srcPort);
        var origDst = new IPEndPoint(Ipv4.FromUInt32(dstIp), dstPort);
        Network.Transmit(isInbound ? Inside.Gateway : Outside, packet, Behavior.Translates ? TraceEventKind.Translated : TraceEventKind.Forwarded, origSrc, origDst, detail,
            v.Mapping is null ? null : _translator.Snapshot(v.Mapping));
    }

    private string DescribeKey(NatMapping m) => Behavior.Mapping == MappingBehavior.AddressDependent
        ? $"destination {Ipv4.Format(m.KeyRemoteIp)}"
        : $"destination {Ipv4.Format(m.KeyRemoteIp, m.KeyRemotePort)}";

    public override string ToString() => $"{Name} ({Behavior.ClassicName}, public {string.Join(", ", PublicAddresses)})";
}
