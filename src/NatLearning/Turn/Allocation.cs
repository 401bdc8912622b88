using System.Net;

namespace NatLearning.Turn;

/// <summary>
/// An allocation (RFC 8656 §2.2, §7): the relayed transport address a TURN server reserved for one client, identified
/// by the client's 5-tuple (client address, server address, UDP), with its permissions, channels and expiry time.
/// </summary>
public sealed class Allocation
{
    private readonly Dictionary<IPAddress, Permission> _permissions = [];
    private readonly Dictionary<ushort, ChannelBinding> _channels = [];

    internal Allocation(IPEndPoint client, IPEndPoint server, IPEndPoint relayed, string username, byte[] key, TimeSpan created, TimeSpan expires)
    {
        Client = client;
        Server = server;
        Relayed = relayed;
        Username = username;
        Key = key;
        Created = created;
        Expires = expires;
    }

    /// <summary>The client's transport address as the server sees it (after the client's NAT).</summary>
    public IPEndPoint Client { get; }
    /// <summary>The server's address the client talks to.</summary>
    public IPEndPoint Server { get; }
    /// <summary>The relayed transport address peers send to.</summary>
    public IPEndPoint Relayed { get; }
    public string Username { get; }
    public TimeSpan Created { get; }
    public TimeSpan Expires { get; internal set; }
    public RelayTraffic Traffic { get; } = new();

    public IReadOnlyCollection<Permission> Permissions => _permissions.Values;
    public IReadOnlyCollection<ChannelBinding> Channels => _channels.Values;

    /// <summary>The long-term key the allocation was made with; later requests must use the same credentials (RFC 8656 §7.2).</summary>
    internal byte[] Key { get; }

    /// <summary>The earliest time the server's timer queue holds for this allocation (see TurnServer's expiry queue).</summary>
    internal TimeSpan ScheduledAt { get; set; } = TimeSpan.MaxValue;

    internal bool IsPermitted(IPAddress peer) => _permissions.ContainsKey(peer);
    internal bool IsBound(ushort number) => _channels.ContainsKey(number);

    public bool HasPermission(IPAddress peer, TimeSpan now) => _permissions.TryGetValue(peer, out var p) && p.IsActive(now);

    public ChannelBinding? ChannelByNumber(ushort number, TimeSpan now) =>
        _channels.TryGetValue(number, out var c) && c.IsActive(now) ? c : null;

    public ChannelBinding? ChannelForPeer(IPEndPoint peer, TimeSpan now) =>
        _channels.Values.FirstOrDefault(c => c.Peer.Equals(peer) && c.IsActive(now));

    /// <summary>Any binding for the number or the peer, even expired: RFC 8656 §12 keeps them reserved for 5 more minutes.</summary>
    internal ChannelBinding? ChannelByNumberAny(ushort number) => _channels.GetValueOrDefault(number);
    internal ChannelBinding? ChannelForPeerAny(IPEndPoint peer) => _channels.Values.FirstOrDefault(c => c.Peer.Equals(peer));

    internal Permission Permit(IPAddress peer, TimeSpan now)
    {
        if (_permissions.TryGetValue(peer, out var p)) p.Expires = now + Permission.Lifetime;
        else _permissions[peer] = p = new Permission(peer, now + Permission.Lifetime);
        return p;
    }

    internal ChannelBinding Bind(ushort number, IPEndPoint peer, TimeSpan now)
    {
        if (_channels.TryGetValue(number, out var c)) c.Expires = now + ChannelBinding.Lifetime;
        else _channels[number] = c = new ChannelBinding(number, peer, now + ChannelBinding.Lifetime);
        return c;
    }

    /// <summary>Removes permissions that ran out and channels past their 5-minute quarantine; returns what it removed.</summary>
    internal List<string> Expire(TimeSpan now)
    {
        var removed = new List<string>();
        if (NextExpiry() > now) return removed;   // the common case, on every datagram: nothing is due
        foreach (var p in _permissions.Values.Where(p => !p.IsActive(now)).ToList())
        {
            _permissions.Remove(p.Peer);
            removed.Add($"the permission for {p.Peer} expired");
        }
        // RFC 8656 §12: after a binding expires, neither its number nor its peer may be rebound to another for 5 minutes.
        foreach (var c in _channels.Values.Where(c => now >= c.Expires + ChannelQuarantine).ToList())
        {
            _channels.Remove(c.Number);
            removed.Add($"channel 0x{c.Number:x4} to {c.Peer} expired 5 minutes ago; its number and peer may now be bound again");
        }
        return removed;
    }

    // RFC 8656 §12: an expired channel number or peer cannot be bound to a different peer or number for 5 minutes.
    internal static readonly TimeSpan ChannelQuarantine = TimeSpan.FromMinutes(5);

    /// <summary>The next moment something in this allocation runs out.</summary>
    internal TimeSpan NextExpiry()
    {
        var next = Expires;
        foreach (var p in _permissions.Values) if (p.Expires < next) next = p.Expires;
        foreach (var c in _channels.Values) if (c.Expires + ChannelQuarantine < next) next = c.Expires + ChannelQuarantine;
        return next;
    }

    public override string ToString() =>
        $"allocation {Relayed} for {Username} at {Client}, expires at {Expires.TotalSeconds:0.###} s, {_permissions.Count} permission(s), {_channels.Count} channel(s)";
}
