using System.Net;
using NatLearning.Addressing;
using NatLearning.Nat;
using NatLearning.Packets;
using NatLearning.Tracing;

namespace NatLearning.Simulation;

/// <summary>
/// A NAT router between an inside LAN and an outside segment, behaving as RFC 4787 describes:
/// mapping and filtering behaviour, port allocation, mapping timers, hairpinning. Also a 1:1 NAT
/// and a stateful firewall, by its <see cref="NatBehavior"/>.
/// </summary>
public sealed class NatRouter : Node
{
    private readonly Dictionary<MappingKey, NatMapping> _byKey = [];
    private readonly Dictionary<ulong, NatMapping> _byPublic = [];
    private readonly Dictionary<ulong, List<NatMapping>> _byInside = [];
    private readonly Dictionary<ulong, TimeSpan> _expiredAt = [];
    private readonly List<NatMapping> _live = [];
    private readonly Dictionary<uint, uint> _pairedPublicIp = [];
    private readonly Dictionary<uint, int> _nextPort = [];
    private readonly uint[] _pool;
    private readonly SeededRandom _random;
    private int _nextPoolIndex;
    private static long _instances;
    // Not part of any trace, so determinism is untouched; it only tells two same-named routers apart.
    private readonly long _instance = Interlocked.Increment(ref _instances);

    internal NatRouter(Network network, string name, NatBehavior behavior, Segment outsideSegment, List<uint> pool, AddressRange lanRange, Link link)
        : base(network, name)
    {
        if (behavior.FirstPort > behavior.LastPort)
            throw new ArgumentException($"NAT {name}: FirstPort {behavior.FirstPort} is above LastPort {behavior.LastPort}.", nameof(behavior));
        Behavior = behavior;
        _pool = [.. pool];
        _random = network.Random.Fork();
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
    public NatTable Table => new(Name, Behavior, Network.Now, Entries()) { RouterInstance = _instance };

    /// <summary>How many mappings are live now.</summary>
    public int MappingCount => Behavior.OneToOne ? OneToOnePairs().Count() : _live.Count;

    internal override void Receive(Packet packet, Attachment via)
    {
        if (via == Outside) Inbound(packet);
        else if (IsOwnPublicAddress(packet.DestinationIp) && Behavior.Translates) Hairpin(packet);
        else Outbound(packet);
    }

    private bool IsOwnPublicAddress(uint ip) => Array.IndexOf(_pool, ip) >= 0;

    private void Outbound(Packet packet)
    {
        if (Behavior.BlocksOutboundUdp)
        {
            Network.DropAt(Name, packet, DropReason.OutboundBlocked,
                $"{Name} blocks outbound UDP: {packet.Source} → {packet.Destination} may not leave (only web traffic, TCP 80/443, would)");
            return;
        }
        var (srcIp, srcPort, dstIp, dstPort) = (packet.SourceIp, packet.SourcePort, packet.DestinationIp, packet.DestinationPort);
        if (Behavior.OneToOne)
        {
            if (!TryOneToOnePublic(srcIp, out var pub))
            {
                Network.DropAt(Name, packet, DropReason.NoFreePort, $"{Name} has no public address left for {Ipv4.Format(srcIp)} (1:1 NAT, {_pool.Length} addresses)");
                return;
            }
            Forward(packet, Outside, isInbound: false, pub, srcPort, $"1:1 NAT: {Ipv4.Format(srcIp)} is always {Ipv4.Format(pub)}");
            return;
        }
        var m = FindOrCreateMapping(packet, srcIp, srcPort, dstIp, dstPort);
        if (m is null) return;
        Forward(packet, Outside, isInbound: false, m.PublicIp, m.PublicPort, null, m);
    }

    private NatMapping? FindOrCreateMapping(Packet packet, uint srcIp, ushort srcPort, uint dstIp, ushort dstPort)
    {
        var now = Network.Now;
        var key = KeyFor(srcIp, srcPort, dstIp, dstPort);
        if (_byKey.TryGetValue(key, out var m) && m.Expires <= now)
        {
            Expire(m);
            m = null;
        }
        if (m is null)
        {
            var publicIp = Behavior.Translates ? PairedPublicIp(srcIp) : srcIp;
            int port = srcPort;
            if (Behavior.Translates && !TryAllocatePort(publicIp, srcPort, out port))
            {
                Network.DropAt(Name, packet, DropReason.NoFreePort, $"{Name} has no free public port on {Ipv4.Format(publicIp)} for a new mapping");
                return null;
            }
            m = new NatMapping
            {
                InsideIp = srcIp, InsidePort = srcPort, PublicIp = publicIp, PublicPort = (ushort)port,
                KeyRemoteIp = key.RemoteIp, KeyRemotePort = key.RemotePort,
                Created = now, LastUsed = now, Expires = now + Behavior.MappingLifetime,
            };
            _byKey[key] = m;
            _byPublic[NatMapping.Pack(m.PublicIp, m.PublicPort)] = m;
            _expiredAt.Remove(NatMapping.Pack(m.PublicIp, m.PublicPort));
            var insideKey = NatMapping.Pack(srcIp, srcPort);
            if (!_byInside.TryGetValue(insideKey, out var list)) _byInside[insideKey] = list = [];
            list.Add(m);
            _live.Add(m);
            m.AddContact(dstIp, dstPort);
            if (Network.Trace.Enabled)
                Network.Trace.MappingEvent(now, TraceEventKind.MappingCreated, Name, Snapshot(m),
                    $"{Name} maps {Ipv4.Format(srcIp, srcPort)} to {Ipv4.Format(m.PublicIp, m.PublicPort)}" +
                    (Behavior.Mapping == MappingBehavior.EndpointIndependent ? " for every destination" : $" for {DescribeKey(key)} only") +
                    $", for {Behavior.MappingLifetime.TotalSeconds:0} s unless refreshed");
            ScheduleExpiryCheck(m);
        }
        else
        {
            m.AddContact(dstIp, dstPort);
            m.LastUsed = now;
            if (Behavior.OutboundRefresh) m.Expires = now + Behavior.MappingLifetime;
        }
        return m;
    }

    private void Inbound(Packet packet)
    {
        var (srcIp, srcPort, dstIp, dstPort) = (packet.SourceIp, packet.SourcePort, packet.DestinationIp, packet.DestinationPort);
        if (Behavior.OneToOne)
        {
            if (!TryOneToOneInside(dstIp, out var inside))
            {
                Network.DropAt(Name, packet, DropReason.NoMapping, $"{Name}: no inside host owns {Ipv4.Format(dstIp)} (1:1 NAT)");
                return;
            }
            Forward(packet, Inside.Gateway, isInbound: true, inside, dstPort, $"1:1 NAT: {Ipv4.Format(dstIp)} is {Ipv4.Format(inside)}");
            return;
        }
        var m = FindInbound(packet, dstIp, dstPort);
        if (m is null) return;
        if (!PassesFilter(packet, m, srcIp, srcPort, out var note)) return;
        if (Behavior.InboundRefresh)
        {
            m.LastUsed = Network.Now;
            m.Expires = Network.Now + Behavior.MappingLifetime;
        }
        Forward(packet, Inside.Gateway, isInbound: true, m.InsideIp, m.InsidePort, note, m);
    }

    private NatMapping? FindInbound(Packet packet, uint dstIp, ushort dstPort)
    {
        var pubKey = NatMapping.Pack(dstIp, dstPort);
        if (_byPublic.TryGetValue(pubKey, out var m) && m.Expires <= Network.Now) Expire(m);
        if (_byPublic.TryGetValue(pubKey, out m)) return m;
        if (_expiredAt.TryGetValue(pubKey, out var when))
            Network.DropAt(Name, packet, DropReason.MappingExpired,
                $"{Name}: the mapping for {Ipv4.Format(dstIp, dstPort)} expired at {when.TotalSeconds:0.000}s; the hole has closed");
        else
            Network.DropAt(Name, packet, DropReason.NoMapping,
                $"{Name}: no mapping for {Ipv4.Format(dstIp, dstPort)}; nobody inside asked for this packet, so it is blocked");
        return null;
    }

    // RFC 4787 §5. Which contacts count: those of the mapping the packet hits (FilteringScope.PerMapping, as Linux
    // conntrack matches a reply against the one connection it belongs to) or those of every mapping of the same
    // internal endpoint (PerInternalEndpoint). With endpoint-independent mapping X:x has one mapping, so both agree.
    private bool PassesFilter(Packet packet, NatMapping m, uint srcIp, ushort srcPort, out string? admittedNote)
    {
        admittedNote = null;
        if (Behavior.Filtering == FilteringBehavior.EndpointIndependent) return true;
        var byAddress = Behavior.Filtering == FilteringBehavior.AddressDependent;
        if (Admits(m, byAddress, srcIp, srcPort)) return true;
        var single = Behavior.Mapping == MappingBehavior.EndpointIndependent;
        NatMapping? sibling = null;
        var siblingKnowsAddress = false;
        if (!single)
            foreach (var s in _byInside[NatMapping.Pack(m.InsideIp, m.InsidePort)])
            {
                if (s == m) continue;
                if (sibling is null && Admits(s, byAddress, srcIp, srcPort)) sibling = s;
                siblingKnowsAddress |= s.HasContactAddress(srcIp);
            }
        var inside = Ipv4.Text(m.InsideIp, m.InsidePort);
        var perEndpoint = !single && Behavior.FilteringScope == FilteringScope.PerInternalEndpoint;
        if (perEndpoint && sibling is not null)
        {
            if (Network.Trace.Enabled)
                admittedNote = $"admitted because {inside}'s other mapping {Ipv4.Text(sibling.PublicIp, sibling.PublicPort)} sent to {Ipv4.Text(srcIp, srcPort)}: filtering per internal endpoint";
            return true;
        }
        var addressKnown = m.HasContactAddress(srcIp) || perEndpoint && siblingKnowsAddress;
        // Per mapping, the drop names the row it hit, and a sibling row that did contact the source, if any.
        var through = single || perEndpoint ? "" : $" through mapping {Ipv4.Text(m.PublicIp, m.PublicPort)} (made for {DescribeKey(KeyOf(m))})";
        var elsewhere = sibling is null || perEndpoint ? "" : $"; its mapping {Ipv4.Text(sibling.PublicIp, sibling.PublicPort)} did, but a packet is admitted only by the mapping it hits";
        if (byAddress)
        {
            Network.DropAt(Name, packet, DropReason.FilteredByAddress,
                $"{Name}: {inside} never sent to {Ipv4.Format(srcIp)}{through} (address-dependent filtering){elsewhere}");
            return false;
        }
        if (addressKnown)
            Network.DropAt(Name, packet, DropReason.FilteredByPort,
                $"{Name}: {inside} sent to {Ipv4.Format(srcIp)}{through}, but never to port {srcPort} (address-and-port-dependent filtering){elsewhere}");
        else
            Network.DropAt(Name, packet, DropReason.FilteredByAddress,
                $"{Name}: {inside} never sent to {Ipv4.Text(srcIp, srcPort)}{through} (address-and-port-dependent filtering){elsewhere}");
        return false;
    }

    private static bool Admits(NatMapping m, bool byAddress, uint srcIp, ushort srcPort) =>
        byAddress ? m.HasContactAddress(srcIp) : m.HasContact(srcIp, srcPort);

    private static MappingKey KeyOf(NatMapping m) => new(m.InsideIp, m.InsidePort, m.KeyRemoteIp, m.KeyRemotePort);

    // RFC 4787 §6 (REQ-9): a packet from inside to one of the NAT's own public endpoints is translated like an inbound
    // one and sent back into the LAN, with the sender's external address and port as its source.
    private void Hairpin(Packet packet)
    {
        if (!Behavior.Hairpinning)
        {
            Network.DropAt(Name, packet, DropReason.HairpinOff,
                $"{Name} does not hairpin: {Ipv4.Format(packet.SourceIp)} sent to the NAT's own public address {Ipv4.Format(packet.DestinationIp, packet.DestinationPort)}");
            return;
        }
        var (srcIp, srcPort, dstIp, dstPort) = (packet.SourceIp, packet.SourcePort, packet.DestinationIp, packet.DestinationPort);
        if (Behavior.OneToOne)
        {
            if (!TryOneToOnePublic(srcIp, out var ownPublic) || !TryOneToOneInside(dstIp, out var inside))
            {
                Network.DropAt(Name, packet, DropReason.NoMapping, $"{Name}: no inside host owns {Ipv4.Format(dstIp)} (1:1 NAT)");
                return;
            }
            HairpinBack(packet, ownPublic, srcPort, inside, dstPort, null);
            return;
        }
        var own = FindOrCreateMapping(packet, srcIp, srcPort, dstIp, dstPort);
        if (own is null) return;
        var target = FindInbound(packet, dstIp, dstPort);
        if (target is null) return;
        if (!PassesFilter(packet, target, own.PublicIp, own.PublicPort, out _)) return;
        HairpinBack(packet, own.PublicIp, own.PublicPort, target.InsideIp, target.InsidePort, own);
    }

    private void HairpinBack(Packet packet, uint srcIp, ushort srcPort, uint dstIp, ushort dstPort, NatMapping? own)
    {
        var origSrc = packet.Source;
        var origDst = packet.Destination;
        packet.RewriteSource(srcIp, srcPort);
        packet.RewriteDestination(dstIp, dstPort);
        if (!packet.DecrementTtl())
        {
            Network.DropAt(Name, packet, DropReason.TtlExpired, $"{Name}: TTL reached zero");
            return;
        }
        Network.Transmit(Inside.Gateway, packet, TraceEventKind.Translated, origSrc, origDst,
            $"{Name} hairpins: {origSrc} → {origDst} becomes {packet.Source} → {packet.Destination}", own is null ? null : Snapshot(own));
    }

    private void Forward(Packet packet, Attachment outVia, bool isInbound, uint newIp, ushort newPort, string? note, NatMapping? mapping = null)
    {
        var tracing = Network.Trace.Enabled;
        var (srcIp, srcPort, dstIp, dstPort) = tracing ? (packet.SourceIp, packet.SourcePort, packet.DestinationIp, packet.DestinationPort) : default;
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
        if (!tracing)
        {
            Network.Transmit(outVia, packet, Behavior.Translates ? TraceEventKind.Translated : TraceEventKind.Forwarded);
            return;
        }
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
        Network.Transmit(outVia, packet, Behavior.Translates ? TraceEventKind.Translated : TraceEventKind.Forwarded, origSrc, origDst, detail,
            mapping is null ? null : Snapshot(mapping));
    }

    // A method of its own: a lambda capturing m inside FindOrCreateMapping would allocate its closure on every packet.
    private void ScheduleExpiryCheck(NatMapping m) => Network.Scheduler.AtInBackground(m.Expires, () => CheckExpiry(m));

    private void CheckExpiry(NatMapping m)
    {
        if (m.Removed) return;
        if (m.Expires > Network.Now)
        {
            ScheduleExpiryCheck(m);
            return;
        }
        Expire(m);
    }

    private void Expire(NatMapping m)
    {
        if (m.Removed) return;
        m.Removed = true;
        _byKey.Remove(KeyOf(m));
        var pub = NatMapping.Pack(m.PublicIp, m.PublicPort);
        _byPublic.Remove(pub);
        _expiredAt[pub] = m.Expires;
        var insideKey = NatMapping.Pack(m.InsideIp, m.InsidePort);
        var list = _byInside[insideKey];
        list.Remove(m);
        if (list.Count == 0) _byInside.Remove(insideKey);
        _live.Remove(m);
        if (Network.Trace.Enabled)
            Network.Trace.MappingEvent(m.Expires, TraceEventKind.MappingExpired, Name, Snapshot(m),
                $"{Name}: mapping {Ipv4.Format(m.InsideIp, m.InsidePort)} ↔ {Ipv4.Format(m.PublicIp, m.PublicPort)} expired (idle since {m.LastUsed.TotalSeconds:0.000}s)");
    }

    private MappingKey KeyFor(uint srcIp, ushort srcPort, uint dstIp, ushort dstPort) => Behavior.Mapping switch
    {
        MappingBehavior.EndpointIndependent => new MappingKey(srcIp, srcPort, 0, 0),
        MappingBehavior.AddressDependent => new MappingKey(srcIp, srcPort, dstIp, 0),
        _ => new MappingKey(srcIp, srcPort, dstIp, dstPort),
    };

    private string DescribeKey(MappingKey key) => Behavior.Mapping == MappingBehavior.AddressDependent
        ? $"destination {Ipv4.Format(key.RemoteIp)}"
        : $"destination {Ipv4.Format(key.RemoteIp, key.RemotePort)}";

    // RFC 4787 REQ-2: "paired" pooling, one inside host always gets the same public address.
    private uint PairedPublicIp(uint insideIp)
    {
        if (_pool.Length == 1) return _pool[0];
        if (!_pairedPublicIp.TryGetValue(insideIp, out var ip))
        {
            ip = _pool[_nextPoolIndex];
            _nextPoolIndex = (_nextPoolIndex + 1) % _pool.Length;
            _pairedPublicIp[insideIp] = ip;
        }
        return ip;
    }

    private bool TryAllocatePort(uint publicIp, ushort insidePort, out int port)
    {
        var first = Behavior.FirstPort;
        var last = Behavior.LastPort;
        var span = last - first + 1;
        bool Free(int p) => !_byPublic.ContainsKey(NatMapping.Pack(publicIp, (ushort)p));

        if (Behavior.PortAllocation == PortAllocation.PortPreserving && insidePort >= first && insidePort <= last && Free(insidePort))
        {
            port = insidePort;
            return true;
        }
        if (Behavior.PortAllocation == PortAllocation.Random)
        {
            for (var attempt = 0; attempt < 64; attempt++)
            {
                port = _random.Next(first, last + 1);
                if (Free(port)) return true;
            }
        }
        // Sequential, and the fallback of the other two: the next free port after the last one given out.
        if (!_nextPort.TryGetValue(publicIp, out var next)) next = first;
        for (var i = 0; i < span; i++)
        {
            var p = first + (next - first + i) % span;
            if (Free(p))
            {
                port = p;
                _nextPort[publicIp] = p == last ? first : p + 1;
                return true;
            }
        }
        port = 0;
        return false;
    }

    private IEnumerable<(uint Inside, uint Public)> OneToOnePairs()
    {
        var i = 0;
        foreach (var a in Inside.Attachments)
        {
            if (a == Inside.Gateway) continue;
            if (i >= _pool.Length) yield break;
            yield return (a.AddressValue, _pool[i++]);
        }
    }

    private bool TryOneToOnePublic(uint inside, out uint pub)
    {
        foreach (var (i, p) in OneToOnePairs())
            if (i == inside) { pub = p; return true; }
        pub = 0;
        return false;
    }

    private bool TryOneToOneInside(uint pub, out uint inside)
    {
        foreach (var (i, p) in OneToOnePairs())
            if (p == pub) { inside = i; return true; }
        inside = 0;
        return false;
    }

    private List<NatTableEntry> Entries()
    {
        if (Behavior.OneToOne)
        {
            return OneToOnePairs().Select(p => new NatTableEntry
            {
                Protocol = "any",
                InsideLocal = new IPEndPoint(Ipv4.FromUInt32(p.Inside), 0),
                InsideGlobal = new IPEndPoint(Ipv4.FromUInt32(p.Public), 0),
                Contacted = [], Admits = ["anyone"], Static = true,
                Mapping = Behavior.Mapping, Filtering = Behavior.Filtering,
                Created = TimeSpan.Zero, LastUsed = TimeSpan.Zero, Expires = TimeSpan.MaxValue,
            }).ToList();
        }
        var now = Network.Now;
        return _live.Where(m => m.Expires > now).Select(Snapshot).ToList();
    }

    private NatTableEntry Snapshot(NatMapping m)
    {
        // Rows are immutable, so a traced flow shares one row until the mapping's contacts change; only the timers differ.
        if (m.Snapshot is { } last && m.SnapshotContacts == m.Contacted.Count)
        {
            if (last.LastUsed != m.LastUsed || last.Expires != m.Expires) m.Snapshot = last with { LastUsed = m.LastUsed, Expires = m.Expires };
            return m.Snapshot;
        }
        m.Snapshot = BuildSnapshot(m);
        m.SnapshotContacts = m.Contacted.Count;
        return m.Snapshot;
    }

    private NatTableEntry BuildSnapshot(NatMapping m)
    {
        var contacted = m.Contacted.Select(c => NatMapping.Unpack(c)).ToList();
        IReadOnlyList<string> admits = Behavior.Filtering switch
        {
            FilteringBehavior.EndpointIndependent => ["anyone"],
            FilteringBehavior.AddressDependent => contacted.Select(c => Ipv4.Format(c.Ip) + ":*").Distinct().ToList(),
            _ => contacted.Select(c => Ipv4.Format(c.Ip, c.Port)).ToList(),
        };
        return new NatTableEntry
        {
            InsideLocal = new IPEndPoint(Ipv4.FromUInt32(m.InsideIp), m.InsidePort),
            InsideGlobal = new IPEndPoint(Ipv4.FromUInt32(m.PublicIp), m.PublicPort),
            MappedFor = Behavior.Mapping == MappingBehavior.EndpointIndependent ? null : new IPEndPoint(Ipv4.FromUInt32(m.KeyRemoteIp), m.KeyRemotePort),
            Contacted = contacted.Select(c => new IPEndPoint(Ipv4.FromUInt32(c.Ip), c.Port)).ToList(),
            Admits = admits,
            Mapping = Behavior.Mapping, Filtering = Behavior.Filtering,
            Created = m.Created, LastUsed = m.LastUsed, Expires = m.Expires,
        };
    }

    public override string ToString() => $"{Name} ({Behavior.ClassicName}, public {string.Join(", ", PublicAddresses)})";

    private readonly record struct MappingKey(uint InsideIp, ushort InsidePort, uint RemoteIp, ushort RemotePort);
}
