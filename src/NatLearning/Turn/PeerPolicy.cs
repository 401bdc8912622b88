using System.Net;

namespace NatLearning.Turn;

/// <summary>
/// Which peers a TURN server relays to (RFC 8656 §21.2.3 and §9.2: the server MAY restrict XOR-PEER-ADDRESS and answers
/// 403 Forbidden). Without a policy a TURN server is an open proxy into its own host and network (coturn's
/// CVE-2020-26262). The default refuses what coturn refuses and a little more; private ranges stay allowed, since a
/// classroom LAN is private. The order is coturn's: "this network", loopback and multicast first (no rule lifts them
/// but <see cref="AllowLoopbackPeers"/> for loopback), then <see cref="Allowed"/> wins over everything that follows.
/// </summary>
public sealed record PeerPolicy
{
    /// <summary>The default: no loopback peers, no extra rules.</summary>
    public static PeerPolicy Default { get; } = new();

    /// <summary>Lift the loopback rule only (coturn's <c>--allow-loopback-peers</c>): for a lab on one machine.</summary>
    public bool AllowLoopbackPeers { get; init; }

    /// <summary>Extra ranges refused with 403 (coturn's <c>--denied-peer-ip</c>).</summary>
    public IReadOnlyList<PeerAddressRange> Denied { get; init; } = [];

    /// <summary>Ranges allowed even if a denied range or a default rule below loopback covers them (coturn's <c>--allowed-peer-ip</c>).</summary>
    public IReadOnlyList<PeerAddressRange> Allowed { get; init; } = [];

    // Never relayed to, whatever --allowed-peer-ip says (coturn's order: zero, loopback and multicast come first).
    private static readonly (PeerAddressRange Range, string Why)[] Absolute =
    [
        (PeerAddressRange.Parse("0.0.0.0/8"), "is in 0.0.0.0/8 (\"this network\"; 0.0.0.0 reaches the server's own host)"),
        (PeerAddressRange.Parse("::/128"), "is the unspecified address ::"),
        (PeerAddressRange.Parse("224.0.0.0/4"), "is multicast (224.0.0.0/4)"),
        (PeerAddressRange.Parse("ff00::/8"), "is multicast (ff00::/8)"),
        (PeerAddressRange.Parse("240.0.0.0/4"), "is reserved or broadcast (240.0.0.0/4, with 255.255.255.255)"),
    ];

    private static readonly (PeerAddressRange Range, string Why)[] Loopback =
    [
        (PeerAddressRange.Parse("127.0.0.0/8"), "is loopback (127.0.0.0/8)"),
        (PeerAddressRange.Parse("::1"), "is loopback (::1)"),
    ];

    // Refused by default, but --allowed-peer-ip may open them.
    private static readonly (PeerAddressRange Range, string Why)[] DefaultDenied =
    [
        (PeerAddressRange.Parse("169.254.0.0/16"), "is link-local (169.254.0.0/16)"),
        (PeerAddressRange.Parse("fe80::/10"), "is link-local (fe80::/10)"),
    ];

    /// <summary>
    /// Null if a permission for <paramref name="peer"/> may be installed (CreatePermission), else why not, e.g.
    /// "127.0.0.1 is loopback (127.0.0.0/8); loopback peers are not allowed". A permission covers every port of the IP,
    /// so only the IP rules apply here; where the data may go on the server's own host is <see cref="Refuse(IPEndPoint, IPEndPoint, IReadOnlySet{IPEndPoint})"/>'s business.
    /// </summary>
    public string? Refuse(IPAddress peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        var p = PeerAddressRange.Normal(peer);
        foreach (var (range, why) in Absolute)
            if (range.Contains(p)) return $"{p} {why}";
        if (!AllowLoopbackPeers)
            foreach (var (range, why) in Loopback)
                if (range.Contains(p)) return $"{p} {why}; loopback peers are not allowed";
        if (IsAllowed(p)) return null;
        foreach (var (range, why) in DefaultDenied)
            if (range.Contains(p)) return $"{p} {why}";
        foreach (var range in Denied)
            if (range.Contains(p)) return $"{p} is in the denied range {range}";
        return null;
    }

    /// <summary>
    /// Null if the relay may send data to <paramref name="peer"/> (Send, ChannelBind), else why not. Besides the IP
    /// rules: never to the server's listening socket (a relay feeding its own server), and on the server's own
    /// (non-loopback) address only to its relayed addresses: two clients of one server may talk relay to relay, but
    /// no client may reach another service of the server's host through it.
    /// </summary>
    public string? Refuse(IPEndPoint peer, IPEndPoint listen, IReadOnlySet<IPEndPoint> relays)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(relays);
        var p = new IPEndPoint(PeerAddressRange.Normal(peer.Address), peer.Port);
        var wildcard = listen.Address.Equals(IPAddress.Any) || listen.Address.Equals(IPAddress.IPv6Any);
        var own = OnOwnHost(p.Address, listen, relays);
        if (p.Equals(listen) || wildcard && p.Port == listen.Port && (own || IPAddress.IsLoopback(p.Address)))
            return $"{p} is this server's listening socket (a relay must not feed its own server)";
        if (Refuse(p.Address) is { } why) return why;
        if (own && !IPAddress.IsLoopback(p.Address) && !relays.Contains(p) && !IsAllowed(p.Address))
            return $"{p} is on this server's own host but is none of its relayed addresses";
        return null;
    }

    // Asked for every relayed datagram: a loop, not LINQ over the server's relays.
    private static bool OnOwnHost(IPAddress address, IPEndPoint listen, IReadOnlySet<IPEndPoint> relays)
    {
        if (listen.Address.Equals(address)) return true;
        foreach (var r in relays)
            if (r.Address.Equals(address)) return true;
        return false;
    }

    private bool IsAllowed(IPAddress p)
    {
        foreach (var range in Allowed)
            if (range.Contains(p)) return true;
        return false;
    }

    /// <summary>The policy in a few lines, for a server's startup banner.</summary>
    public IEnumerable<string> Describe(IReadOnlyCollection<IPAddress> serverAddresses)
    {
        ArgumentNullException.ThrowIfNull(serverAddresses);
        var refused = new List<string> { "0.0.0.0/8" };
        if (!AllowLoopbackPeers) refused.Add("127.0.0.0/8 (loopback)");
        refused.AddRange(["169.254.0.0/16 (link-local)", "224.0.0.0/4 (multicast)", "240.0.0.0/4 (reserved, broadcast)"]);
        refused.Add("this server's listening socket");
        var own = serverAddresses.Where(a => !IPAddress.IsLoopback(a)).Distinct().ToList();
        if (own.Count > 0) refused.Add($"ports of {string.Join(", ", own)} other than the relayed ones");
        yield return $"Peers refused with 403: {string.Join(", ", refused)} (and their IPv6 counterparts).";
        yield return AllowLoopbackPeers ? "Loopback peers are allowed (--allow-loopback-peers)." : "Loopback peers are refused (--allow-loopback-peers lifts that).";
        if (Denied.Count > 0) yield return $"Also denied (--denied-peer-ip): {string.Join(", ", Denied)}.";
        if (Allowed.Count > 0) yield return $"Allowed over the denied ranges (--allowed-peer-ip): {string.Join(", ", Allowed)}.";
        yield return "Private ranges (10/8, 172.16/12, 192.168/16) and all other addresses are allowed unless denied above.";
    }
}
