using System.Net;
using System.Runtime.CompilerServices;
using NatLearning.Addressing;

namespace NatLearning.Nat;

/// <summary>
/// The decisions of one NAT, as RFC 4787 describes them, on a packet's 5-tuple and the time it is handed: which mapping
/// an outbound packet uses (made on first use, with a port by the behaviour's allocation), whether the filter lets an
/// inbound packet in, hairpinning, and the mapping timers. It knows no network, packet bytes or trace: it returns a
/// <see cref="NatVerdict"/> and queues the changes to its table (<see cref="TryPollChange"/>); the simulator's router
/// applies them.
/// </summary>
internal sealed class NatTranslator
{
    private readonly Dictionary<MappingKey, NatMapping> _byKey = [];
    private readonly Dictionary<ulong, NatMapping> _byPublic = [];
    private readonly Dictionary<ulong, List<NatMapping>> _byInside = [];
    private readonly Dictionary<ulong, TimeSpan> _expiredAt = [];
    private readonly List<NatMapping> _live = [];
    private readonly Dictionary<uint, uint> _pairedPublicIp = [];
    private readonly Dictionary<uint, int> _nextPort = [];
    private readonly List<(uint Inside, uint Public)> _oneToOne = [];     // 1:1 pairs, in the order the hosts joined
    private readonly Dictionary<uint, uint> _oneToOneByInside = [];
    private readonly Dictionary<uint, uint> _oneToOneByPublic = [];
    private readonly Queue<NatTableChange> _changes = new();
    private readonly uint[] _pool;
    private readonly UniformRandom _random;
    private int _nextPoolIndex;
    private readonly bool _dynamic;          // keeps mappings: not a 1:1 NAT, and lets UDP out
    private readonly bool _filtersNobody;    // endpoint-independent filtering

    /// <param name="behavior">How this NAT maps, filters, allocates ports and times mappings out.</param>
    /// <param name="pool">Its public addresses; the first is its main one. A firewall's one address is its own.</param>
    /// <param name="random">Where random port allocation draws from.</param>
    public NatTranslator(NatBehavior behavior, IReadOnlyList<uint> pool, UniformRandom random)
    {
        ArgumentNullException.ThrowIfNull(behavior);
        if (pool.Count == 0) throw new ArgumentException("A NAT needs at least one public address.", nameof(pool));
        if (behavior.FirstPort > behavior.LastPort)
            throw new ArgumentException($"FirstPort {behavior.FirstPort} is above LastPort {behavior.LastPort}.", nameof(behavior));
        Behavior = behavior;
        _pool = [.. pool];
        _random = random;
        _dynamic = !behavior.BlocksOutboundUdp && !behavior.OneToOne;
        _filtersNobody = behavior.Filtering == FilteringBehavior.EndpointIndependent;
    }

    public NatBehavior Behavior { get; }

    public IReadOnlyList<uint> PublicAddresses => _pool;

    /// <summary>How many mappings are live (for a 1:1 NAT, how many hosts own a public address).</summary>
    public int MappingCount => Behavior.OneToOne ? _oneToOne.Count : _live.Count;

    public bool IsOwnPublicAddress(uint ip) => Array.IndexOf(_pool, ip) >= 0;

    /// <summary>A 1:1 NAT: a host joined the inside; it owns the next public address, while there is one.</summary>
    public void AddInsideHost(uint insideIp)
    {
        if (!Behavior.OneToOne || _oneToOne.Count >= _pool.Length || _oneToOneByInside.ContainsKey(insideIp)) return;
        var pub = _pool[_oneToOne.Count];
        _oneToOne.Add((insideIp, pub));
        _oneToOneByInside[insideIp] = pub;
        _oneToOneByPublic[pub] = insideIp;
    }

    /// <summary>A packet from the inside: hairpinned if it is for one of the NAT's own public addresses, else outbound.</summary>
    public NatVerdict FromInside(UdpFlow flow, TimeSpan now) => IsHairpin(flow) ? Hairpin(flow, now) : Outbound(flow, now);

    /// <summary>A packet from the outside.</summary>
    public NatVerdict FromOutside(UdpFlow flow, TimeSpan now) => Inbound(flow, now);

    /// <summary>Whether a packet from the inside is for one of the NAT's own public addresses (RFC 4787 §6).</summary>
    public bool IsHairpin(UdpFlow flow) => Behavior.Translates && IsOwnPublicAddress(flow.DestinationIp);

    /// <summary>RFC 4787 §4: the packet leaves from the mapping of its 5-tuple, made now if there is none (or it expired).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]   // the common case inlined; the rare ones are calls of their own
    public NatVerdict Outbound(UdpFlow flow, TimeSpan now)
    {
        if (!_dynamic) return OutboundWithoutMapping(flow);
        var m = FindOrCreateMapping(flow, now, out var noPortOn);
        if (m is null) return NoFreePort(NatDirection.Outbound, flow, noPortOn);
        return new NatVerdict { Direction = NatDirection.Outbound, Flow = flow with { SourceIp = m.PublicIp, SourcePort = m.PublicPort }, Mapping = m };
    }

    /// <summary>RFC 4787 §5: the packet enters through the live mapping of its destination, if that mapping's filter admits its source.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public NatVerdict Inbound(UdpFlow flow, TimeSpan now)
    {
        if (Behavior.OneToOne) return InboundOneToOne(flow);
        var m = FindInbound(flow.DestinationIp, flow.DestinationPort, now);
        if (m is null) return Unmapped(NatDirection.Inbound, flow, null);
        var sibling = default(NatMapping);
        var filtered = _filtersNobody ? NatDropReason.None : Filter(m, flow.SourceIp, flow.SourcePort, out sibling);
        if (filtered != NatDropReason.None)
            return new NatVerdict { Direction = NatDirection.Inbound, Drop = filtered, Flow = flow, Mapping = m, Hit = m, Sibling = sibling };
        if (Behavior.InboundRefresh)
        {
            m.LastUsed = now;
            m.Expires = now + Behavior.MappingLifetime;
        }
        return new NatVerdict
        {
            Direction = NatDirection.Inbound, Flow = flow with { DestinationIp = m.InsideIp, DestinationPort = m.InsidePort },
            Mapping = m, Hit = m, Sibling = sibling,
        };
    }

    private NatVerdict OutboundWithoutMapping(UdpFlow flow)
    {
        if (Behavior.BlocksOutboundUdp) return Dropped(NatDirection.Outbound, NatDropReason.OutboundBlocked, flow);
        return _oneToOneByInside.TryGetValue(flow.SourceIp, out var pub)
            ? new NatVerdict { Direction = NatDirection.Outbound, Flow = flow with { SourceIp = pub } }
            : Dropped(NatDirection.Outbound, NatDropReason.NoFreePort, flow);
    }

    private NatVerdict InboundOneToOne(UdpFlow flow) =>
        _oneToOneByPublic.TryGetValue(flow.DestinationIp, out var inside)
            ? new NatVerdict { Direction = NatDirection.Inbound, Flow = flow with { DestinationIp = inside } }
            : Dropped(NatDirection.Inbound, NatDropReason.NoMapping, flow);

    private static NatVerdict NoFreePort(NatDirection direction, UdpFlow flow, uint publicIp) =>
        new() { Direction = direction, Drop = NatDropReason.NoFreePort, Flow = flow, PublicIp = publicIp };

    // No live mapping owns the destination: it expired (the hole has closed) or there never was one.
    private NatVerdict Unmapped(NatDirection direction, UdpFlow flow, NatMapping? own) =>
        _expiredAt.TryGetValue(NatMapping.Pack(flow.DestinationIp, flow.DestinationPort), out var when)
            ? new NatVerdict { Direction = direction, Drop = NatDropReason.MappingExpired, Flow = flow, Mapping = own, ExpiredAt = when }
            : new NatVerdict { Direction = direction, Drop = NatDropReason.NoMapping, Flow = flow, Mapping = own };

    // RFC 4787 §6 (REQ-9): a packet from inside to one of the NAT's own public endpoints is translated like an inbound
    // one and sent back into the LAN, with the sender's external address and port as its source.
    public NatVerdict Hairpin(UdpFlow flow, TimeSpan now)
    {
        if (!Behavior.Hairpinning) return Dropped(NatDirection.Hairpin, NatDropReason.HairpinOff, flow);
        if (Behavior.OneToOne)
        {
            if (!_oneToOneByInside.TryGetValue(flow.SourceIp, out var ownPublic) || !_oneToOneByPublic.TryGetValue(flow.DestinationIp, out var inside))
                return Dropped(NatDirection.Hairpin, NatDropReason.NoMapping, flow);
            return new NatVerdict { Direction = NatDirection.Hairpin, Flow = new UdpFlow(ownPublic, flow.SourcePort, inside, flow.DestinationPort) };
        }
        var own = FindOrCreateMapping(flow, now, out var noPortOn);
        if (own is null) return NoFreePort(NatDirection.Hairpin, flow, noPortOn);
        var target = FindInbound(flow.DestinationIp, flow.DestinationPort, now);
        if (target is null) return Unmapped(NatDirection.Hairpin, flow, own);
        var filtered = Filter(target, own.PublicIp, own.PublicPort, out var sibling);
        if (filtered != NatDropReason.None)
            return new NatVerdict { Direction = NatDirection.Hairpin, Drop = filtered, Flow = flow, Mapping = own, Hit = target, Sibling = sibling };
        return new NatVerdict
        {
            Direction = NatDirection.Hairpin, Flow = new UdpFlow(own.PublicIp, own.PublicPort, target.InsideIp, target.InsidePort),
            Mapping = own, Hit = target, Sibling = sibling,
        };
    }

    /// <summary>Whether <see cref="TryPollChange"/> has anything: most packets change no row.</summary>
    public bool HasChanges => _changes.Count > 0;

    /// <summary>The next change to the table since the last poll (mappings made and expired), in order.</summary>
    public bool TryPollChange(out NatTableChange change) => _changes.TryDequeue(out change);

    /// <summary>
    /// A mapping's timer fired at <paramref name="now"/>. True if it is still live because it was refreshed: check again
    /// at its new <see cref="NatMapping.Expires"/>. False once it is gone (expired now, with a change queued, or before).
    /// </summary>
    public bool CheckExpiry(NatMapping m, TimeSpan now)
    {
        if (m.Removed) return false;
        if (m.Expires > now) return true;
        Expire(m);
        return false;
    }

    private NatMapping? FindOrCreateMapping(UdpFlow f, TimeSpan now, out uint noPortOn)
    {
        noPortOn = 0;
        var key = KeyFor(f);
        if (_byKey.TryGetValue(key, out var m) && m.Expires <= now)
        {
            Expire(m);
            m = null;
        }
        if (m is null)
        {
            var publicIp = Behavior.Translates ? PairedPublicIp(f.SourceIp) : f.SourceIp;
            int port = f.SourcePort;
            if (Behavior.Translates && !TryAllocatePort(publicIp, f.SourcePort, out port))
            {
                noPortOn = publicIp;
                return null;
            }
            m = new NatMapping
            {
                InsideIp = f.SourceIp, InsidePort = f.SourcePort, PublicIp = publicIp, PublicPort = (ushort)port,
                KeyRemoteIp = key.RemoteIp, KeyRemotePort = key.RemotePort,
                Created = now, LastUsed = now, Expires = now + Behavior.MappingLifetime,
            };
            var pub = NatMapping.Pack(m.PublicIp, m.PublicPort);
            _byKey[key] = m;
            _byPublic[pub] = m;
            _expiredAt.Remove(pub);
            var insideKey = NatMapping.Pack(f.SourceIp, f.SourcePort);
            if (!_byInside.TryGetValue(insideKey, out var list)) _byInside[insideKey] = list = [];
            list.Add(m);
            _live.Add(m);
            m.AddContact(f.DestinationIp, f.DestinationPort);
            _changes.Enqueue(new NatTableChange(NatTableChangeKind.MappingCreated, m));
        }
        else
        {
            m.AddContact(f.DestinationIp, f.DestinationPort);
            m.LastUsed = now;
            if (Behavior.OutboundRefresh) m.Expires = now + Behavior.MappingLifetime;   // RFC 4787 REQ-6
        }
        return m;
    }

    private NatMapping? FindInbound(uint dstIp, ushort dstPort, TimeSpan now)
    {
        var pubKey = NatMapping.Pack(dstIp, dstPort);
        if (!_byPublic.TryGetValue(pubKey, out var m) || m.Expires > now) return m;
        Expire(m);
        return null;
    }

    // RFC 4787 §5. Which contacts count: those of the mapping the packet hits (FilteringScope.PerMapping, as Linux
    // conntrack matches a reply against the one connection it belongs to) or those of every mapping of the same
    // internal endpoint (PerInternalEndpoint). With endpoint-independent mapping X:x has one mapping, so both agree.
    private NatDropReason Filter(NatMapping m, uint srcIp, ushort srcPort, out NatMapping? sibling)
    {
        sibling = null;
        if (Behavior.Filtering == FilteringBehavior.EndpointIndependent) return NatDropReason.None;
        var byAddress = Behavior.Filtering == FilteringBehavior.AddressDependent;
        if (Admits(m, byAddress, srcIp, srcPort)) return NatDropReason.None;
        var single = Behavior.Mapping == MappingBehavior.EndpointIndependent;
        var siblingKnowsAddress = false;
        if (!single)
            foreach (var s in _byInside[NatMapping.Pack(m.InsideIp, m.InsidePort)])
            {
                if (s == m) continue;
                if (sibling is null && Admits(s, byAddress, srcIp, srcPort)) sibling = s;
                siblingKnowsAddress |= s.HasContactAddress(srcIp);
            }
        var perEndpoint = !single && Behavior.FilteringScope == FilteringScope.PerInternalEndpoint;
        if (perEndpoint && sibling is not null) return NatDropReason.None;
        if (byAddress) return NatDropReason.FilteredByAddress;
        var addressKnown = m.HasContactAddress(srcIp) || perEndpoint && siblingKnowsAddress;
        return addressKnown ? NatDropReason.FilteredByPort : NatDropReason.FilteredByAddress;
    }

    private static bool Admits(NatMapping m, bool byAddress, uint srcIp, ushort srcPort) =>
        byAddress ? m.HasContactAddress(srcIp) : m.HasContact(srcIp, srcPort);

    private void Expire(NatMapping m)
    {
        if (m.Removed) return;
        m.Removed = true;
        _byKey.Remove(new MappingKey(m.InsideIp, m.InsidePort, m.KeyRemoteIp, m.KeyRemotePort));
        var pub = NatMapping.Pack(m.PublicIp, m.PublicPort);
        _byPublic.Remove(pub);
        _expiredAt[pub] = m.Expires;
        var insideKey = NatMapping.Pack(m.InsideIp, m.InsidePort);
        var list = _byInside[insideKey];
        list.Remove(m);
        if (list.Count == 0) _byInside.Remove(insideKey);
        _live.Remove(m);
        _changes.Enqueue(new NatTableChange(NatTableChangeKind.MappingExpired, m));
    }

    // RFC 4787 §4.1: what a mapping is keyed by, beyond the internal endpoint X:x.
    private MappingKey KeyFor(UdpFlow f) => Behavior.Mapping switch
    {
        MappingBehavior.EndpointIndependent => new MappingKey(f.SourceIp, f.SourcePort, 0, 0),
        MappingBehavior.AddressDependent => new MappingKey(f.SourceIp, f.SourcePort, f.DestinationIp, 0),
        _ => new MappingKey(f.SourceIp, f.SourcePort, f.DestinationIp, f.DestinationPort),
    };

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

    // RFC 4787 §4.2.1: port preservation when the port is free, else a random or the next sequential port.
    private bool TryAllocatePort(uint publicIp, ushort insidePort, out int port)
    {
        var first = Behavior.FirstPort;
        var last = Behavior.LastPort;
        var span = last - first + 1;

        if (Behavior.PortAllocation == PortAllocation.PortPreserving && insidePort >= first && insidePort <= last && IsFree(publicIp, insidePort))
        {
            port = insidePort;
            return true;
        }
        if (Behavior.PortAllocation == PortAllocation.Random)
        {
            for (var attempt = 0; attempt < 64; attempt++)
            {
                port = _random(first, last + 1);
                if (IsFree(publicIp, port)) return true;
            }
        }
        // Sequential, and the fallback of the other two: the next free port after the last one given out.
        if (!_nextPort.TryGetValue(publicIp, out var next)) next = first;
        for (var i = 0; i < span; i++)
        {
            var p = first + (next - first + i) % span;
            if (IsFree(publicIp, p))
            {
                port = p;
                _nextPort[publicIp] = p == last ? first : p + 1;
                return true;
            }
        }
        port = 0;
        return false;
    }

    private bool IsFree(uint publicIp, int port) => !_byPublic.ContainsKey(NatMapping.Pack(publicIp, (ushort)port));

    private static NatVerdict Dropped(NatDirection direction, NatDropReason reason, UdpFlow flow) => new() { Direction = direction, Drop = reason, Flow = flow };

    /// <summary>The table as it stands at <paramref name="now"/>, as the views show it.</summary>
    public NatTable Table(string router, TimeSpan now) => new(router, Behavior, now, Entries(now)) { Owner = this };

    private List<NatTableEntry> Entries(TimeSpan now)
    {
        if (Behavior.OneToOne)
        {
            return _oneToOne.Select(p => new NatTableEntry
            {
                Protocol = "any",
                InsideLocal = new IPEndPoint(Ipv4.FromUInt32(p.Inside), 0),
                InsideGlobal = new IPEndPoint(Ipv4.FromUInt32(p.Public), 0),
                Contacted = [], Admits = ["anyone"], Static = true,
                Mapping = Behavior.Mapping, Filtering = Behavior.Filtering,
                Created = TimeSpan.Zero, LastUsed = TimeSpan.Zero, Expires = TimeSpan.MaxValue,
            }).ToList();
        }
        return _live.Where(m => m.Expires > now).Select(Snapshot).ToList();
    }

    /// <summary>The table row of one mapping as it stands now.</summary>
    public NatTableEntry Snapshot(NatMapping m)
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

    private readonly record struct MappingKey(uint InsideIp, ushort InsidePort, uint RemoteIp, ushort RemotePort);
}
