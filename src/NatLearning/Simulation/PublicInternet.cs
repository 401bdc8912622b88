using NatLearning.Addressing;

namespace NatLearning.Simulation;

/// <summary>The public internet: every globally routable address reaches its owner; a private address reaches no one.</summary>
public sealed class PublicInternet : Segment
{
    private readonly List<(AddressRange Range, Attachment Via)> _routes = [];

    private Dictionary<ulong, TimeSpan>? _pathDelays;

    internal PublicInternet(Network network) : base(network, "Internet") { }

    /// <summary>
    /// Makes the route between two public addresses take <paramref name="extra"/> longer, one way, in both directions:
    /// the internet's routing does not always take the shortest path, so a relay on a well-connected network can be
    /// faster than the direct route between two peers' routers.
    /// </summary>
    public void AddPathDelay(string a, string b, TimeSpan extra)
    {
        if (extra < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(extra), extra, "A path delay cannot be negative.");
        var (x, y) = (ParsePublic(a, nameof(a)), ParsePublic(b, nameof(b)));
        (_pathDelays ??= [])[PathKey(x, y)] = extra;
    }

    /// <summary>The extra one-way delay between two public addresses (zero unless <see cref="AddPathDelay"/> set one).</summary>
    internal TimeSpan PathDelay(uint a, uint b) =>
        _pathDelays is { } d && d.TryGetValue(PathKey(a, b), out var extra) ? extra : TimeSpan.Zero;

    private static ulong PathKey(uint a, uint b) => a < b ? (ulong)a << 32 | b : (ulong)b << 32 | a;

    private static uint ParsePublic(string address, string name)
    {
        if (!System.Net.IPAddress.TryParse(address, out var ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            throw new ArgumentException($"'{address}' is not an IPv4 address.", name);
        return Ipv4.ToUInt32(ip);
    }

    protected override Link DefaultLink => Link.Internet;

    protected override void CheckAddress(uint address, string who)
    {
        var (kind, range) = Ipv4.Describe(Ipv4.FromUInt32(address));
        if (kind is not (AddressKind.Public or AddressKind.Documentation))
            throw new ArgumentException($"{who}: {Ipv4.Format(address)} is in the {range}; it cannot be an address on the public internet.");
        foreach (var (r, via) in _routes)
            if (r.Contains(address)) throw new ArgumentException($"{who}: {Ipv4.Format(address)} lies in {r}, which is routed to {via.Node.Name}.");
        base.CheckAddress(address, who);
    }

    /// <summary>Routes a whole public prefix to a router (a firewall whose LAN uses public addresses).</summary>
    internal void AddRoute(AddressRange range, Attachment via) => _routes.Add((range, via));

    internal override Attachment? Resolve(uint destination, Attachment from)
    {
        if (TryGetByAddress(destination, out var a)) return a;
        foreach (var (range, via) in _routes)
            if (range.Contains(destination)) return via;
        return null;
    }

    internal override string WhyUnreachable(uint destination)
    {
        var (kind, name) = Ipv4.Describe(Ipv4.FromUInt32(destination));
        return kind == AddressKind.Public || kind == AddressKind.Documentation
            ? $"no host on the internet has the address {Ipv4.Format(destination)}"
            : $"{Ipv4.Format(destination)} is in the {name}; such an address means something only inside its own network, so no router on the internet can deliver it";
    }
}
