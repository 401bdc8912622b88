using NatLearning.Addressing;

namespace NatLearning.Simulation;

/// <summary>A local network behind a router: hosts reach each other directly, everything else goes to the router.</summary>
public sealed class Lan : Segment
{
    internal Lan(Network network, string name, AddressRange prefix) : base(network, name)
    {
        Prefix = prefix;
    }

    public AddressRange Prefix { get; }

    /// <summary>The router's inside interface: the LAN's default gateway.</summary>
    public Attachment Gateway { get; internal set; } = null!;

    protected override Link DefaultLink => Link.Lan;

    // The router learns of each host behind it (a 1:1 NAT pairs it with a public address). The gateway itself is the
    // first attachment, made before Gateway is set.
    private protected override void Attached(Attachment attachment)
    {
        if (Gateway is { Node: NatRouter router }) router.InsideAttached(attachment);
    }

    protected override void CheckAddress(uint address, string who)
    {
        if (!Prefix.Contains(address))
            throw new ArgumentException($"{who}: {Ipv4.Format(address)} is outside this LAN's range {Prefix} ({Name}).");
        var low = Prefix.NetworkValue;
        var high = Prefix.NetworkValue | ~Prefix.Mask;
        if (Prefix.PrefixLength < 31 && (address == low || address == high))
            throw new ArgumentException($"{who}: {Ipv4.Format(address)} is the network or broadcast address of {Prefix}.");
        base.CheckAddress(address, who);
    }

    internal override Attachment? Resolve(uint destination, Attachment from)
    {
        if (TryGetByAddress(destination, out var a)) return a;
        return from != Gateway ? Gateway : null;                // off-LAN: to the default gateway
    }

    internal override string WhyUnreachable(uint destination) => $"no host on {Name} has the address {Ipv4.Format(destination)}";
}
