using NatLearning.Addressing;
using NatLearning.Nat;

namespace NatLearning.Simulation;

/// <summary>A piece of network where nodes reach each other by address: the public internet, or a LAN behind a router.</summary>
public abstract class Segment
{
    private readonly Dictionary<uint, Attachment> _byAddress = [];
    private readonly List<Attachment> _attachments = [];

    protected Segment(Network network, string name)
    {
        Network = network;
        Name = name;
    }

    public Network Network { get; }
    public string Name { get; }
    public IReadOnlyList<Attachment> Attachments => _attachments;

    /// <summary>Puts a host with one UDP stack on this segment.</summary>
    public Host AddHost(string name, string address, Link? link = null)
    {
        var ip = ParseAddress(address, nameof(address));
        CheckAddress(ip, $"host {name}");
        return Network.Register(new Host(Network, name, this, ip, link ?? DefaultLink));
    }

    /// <summary>
    /// Puts a NAT router on this segment. Its outside is <paramref name="publicAddress"/> here; its inside is a new
    /// LAN <paramref name="lan"/> where you add hosts, or further NATs (a home router behind a carrier-grade NAT).
    /// </summary>
    public NatRouter AddNat(string name, NatBehavior behavior, string publicAddress, string lan = "192.168.1.0/24", Link? link = null, IEnumerable<string>? morePublicAddresses = null)
    {
        ArgumentNullException.ThrowIfNull(behavior);
        var pool = new List<uint> { ParseAddress(publicAddress, nameof(publicAddress)) };
        foreach (var a in morePublicAddresses ?? []) pool.Add(ParseAddress(a, nameof(morePublicAddresses)));
        if (pool.Distinct().Count() != pool.Count) throw new ArgumentException($"NAT {name}: its public addresses repeat.", nameof(morePublicAddresses));
        foreach (var a in pool) CheckAddress(a, $"NAT {name}");
        var range = AddressRange.Parse(lan);
        return Network.Register(new NatRouter(Network, name, behavior, this, pool, range, link ?? DefaultLink));
    }

    /// <summary>The link new attachments get when none is given.</summary>
    protected abstract Link DefaultLink { get; }

    /// <summary>Checks that an address may be used here; throws an ArgumentException that names it otherwise.</summary>
    protected virtual void CheckAddress(uint address, string who)
    {
        if (_byAddress.TryGetValue(address, out var owner))
            throw new ArgumentException($"{who}: address {Ipv4.Format(address)} is already used by {owner.Node.Name} on {Name}.");
    }

    internal Attachment Attach(Node node, uint address, Link link, IEnumerable<uint>? extraAddresses = null)
    {
        var a = new Attachment(node, this, address, link);
        _attachments.Add(a);
        _byAddress[address] = a;
        foreach (var x in extraAddresses ?? []) _byAddress[x] = a;
        Attached(a);
        return a;
    }

    /// <summary>Called after a node joins this segment.</summary>
    private protected virtual void Attached(Attachment attachment) { }

    internal void AddAddress(Attachment attachment, uint address) => _byAddress[address] = attachment;

    internal bool TryGetByAddress(uint address, out Attachment attachment) => _byAddress.TryGetValue(address, out attachment!);

    /// <summary>The attachment a packet from <paramref name="from"/> to <paramref name="destination"/> goes to next, or null (see <see cref="WhyUnreachable"/>).</summary>
    internal abstract Attachment? Resolve(uint destination, Attachment from);

    /// <summary>Why <see cref="Resolve"/> found no next hop for <paramref name="destination"/>, in words (asked only when tracing).</summary>
    internal abstract string WhyUnreachable(uint destination);

    private static uint ParseAddress(string text, string param)
    {
        try { return Ipv4.ToUInt32(Ipv4.Parse(text)); }
        catch (FormatException e) { throw new ArgumentException(e.Message, param, e); }
    }

    public override string ToString() => Name;
}
