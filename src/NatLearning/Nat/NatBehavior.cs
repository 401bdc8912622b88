namespace NatLearning.Nat;

/// <summary>
/// Everything that makes one NAT behave differently from another, in RFC 4787's terms.
/// Start from a preset (<see cref="FullCone"/>, <see cref="Symmetric"/> ...) and change what you need with <c>with</c>.
/// </summary>
/// <remarks>
/// The Linux router (nftables, conntrack) each preset stands for, with wan0 outside and lan0 inside
/// (tests/NatLearning.Tests/Nat/NftablesEquivalenceTests checks the decisions for one topology):
/// <list type="bullet">
/// <item>Every translating preset filters as <c>chain forward { policy drop; ct state established,related accept; iifname "lan0" accept }</c>:
/// an inbound packet must match the reply tuple of the conntrack entry it hits, which is <see cref="FilteringScope.PerMapping"/>.</item>
/// <item><see cref="PortRestrictedCone"/> (EIM + APDF): <c>oifname "wan0" masquerade</c>; masquerade keeps the source
/// port when it is free, so all flows of X:x share one public port.</item>
/// <item><see cref="Symmetric"/> (APDM + APDF): <c>oifname "wan0" masquerade random</c>, a new public port per flow.</item>
/// <item><see cref="FullCone"/> and <see cref="RestrictedCone"/>: stock conntrack has no endpoint-independent or
/// address-dependent filter; out-of-tree "full cone NAT" targets, or a static <c>dnat</c> port forward, stand in for them.</item>
/// <item>Hairpinning (on in all but <see cref="CheapHomeRouter"/>): for a live mapping 49.36.10.25:6000 of 192.168.1.11:6000,
/// <c>iifname "lan0" ip daddr 49.36.10.25 udp dport 6000 dnat ip to 192.168.1.11:6000</c> in prerouting and
/// <c>iifname "lan0" oifname "lan0" ct status dnat snat ip to 49.36.10.25</c> in postrouting (REQ-9: the external source
/// address and port). Linux has no rule that follows dynamic mappings, so the simulator acts as if every live mapping had
/// that port forward; unlike a bare port forward it then filters the hairpinned packet through the target's mapping.</item>
/// <item><see cref="CheapHomeRouter"/>: masquerade and the filter above, no hairpin rules, and
/// <c>net.netfilter.nf_conntrack_udp_timeout = 30</c>.</item>
/// <item><see cref="Firewall"/>: the filter alone, no nat table.</item>
/// </list>
/// </remarks>
public sealed record NatBehavior
{
    /// <summary>RFC 4787 REQ-5: a UDP mapping must not expire in less than two minutes.</summary>
    public static readonly TimeSpan DefaultMappingLifetime = TimeSpan.FromSeconds(120);

    public NatBehavior(MappingBehavior mapping, FilteringBehavior filtering)
    {
        Mapping = mapping;
        Filtering = filtering;
    }

    public MappingBehavior Mapping { get; init; }
    public FilteringBehavior Filtering { get; init; }
    public PortAllocation PortAllocation { get; init; } = PortAllocation.PortPreserving;

    /// <summary>First port of the public range; sequential allocation starts here.</summary>
    public int FirstPort
    {
        get;
        init => field = value is >= 1 and <= 65535 ? value : throw new ArgumentOutOfRangeException(nameof(FirstPort), value, "A UDP port is 1 to 65535.");
    } = 1024;

    /// <summary>Last port of the public range.</summary>
    public int LastPort
    {
        get;
        init => field = value is >= 1 and <= 65535 ? value : throw new ArgumentOutOfRangeException(nameof(LastPort), value, "A UDP port is 1 to 65535.");
    } = 65535;

    public TimeSpan MappingLifetime
    {
        get;
        init => field = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(MappingLifetime), value, "A mapping lifetime must be positive.");
    } = DefaultMappingLifetime;

    /// <summary>Outbound packets refresh a mapping's timer (RFC 4787 REQ-6: must be true).</summary>
    public bool OutboundRefresh { get; init; } = true;

    /// <summary>Inbound packets refresh it too (RFC 4787 REQ-6: may).</summary>
    public bool InboundRefresh { get; init; }

    /// <summary>
    /// Inside hosts may reach each other through the NAT's public address (RFC 4787 §6, REQ-9: a NAT MUST support
    /// hairpinning). On by default and in every translating preset but <see cref="CheapHomeRouter"/>.
    /// </summary>
    public bool Hairpinning { get; init; } = true;

    /// <summary>
    /// For address-dependent and address-and-port-dependent mapping: whether an inbound packet is filtered against the
    /// contacts of the mapping it hits (the default, as Linux conntrack does) or of every mapping of the same internal
    /// endpoint (RFC 4787 §5's per-endpoint reading). No effect with endpoint-independent mapping.
    /// </summary>
    public FilteringScope FilteringScope { get; init; } = FilteringScope.PerMapping;

    /// <summary>False for a stateful firewall: it keeps sessions and filters, but never rewrites an address.</summary>
    public bool Translates { get; init; } = true;

    /// <summary>1:1 NAT: each inside host owns one public address; ports are kept and nothing is filtered.</summary>
    public bool OneToOne { get; init; }

    /// <summary>
    /// Drops every outbound UDP packet, as many corporate and hotel firewalls do (they let web traffic, TCP to 80 and 443,
    /// through instead). The simulation carries only UDP, so nothing from inside gets out: no STUN, no TURN over UDP.
    /// </summary>
    public bool BlocksOutboundUdp { get; init; }

    /// <summary>The classic (RFC 3489) name for this combination, or a description in RFC 4787 terms.</summary>
    public string ClassicName => this switch
    {
        { OneToOne: true } => "1:1 NAT",
        { Translates: false, BlocksOutboundUdp: true } => "firewall that blocks outbound UDP (no translation)",
        { Translates: false } => "stateful firewall (no translation)",
        { Mapping: MappingBehavior.EndpointIndependent, Filtering: FilteringBehavior.EndpointIndependent } => "full cone",
        { Mapping: MappingBehavior.EndpointIndependent, Filtering: FilteringBehavior.AddressDependent } => "restricted cone",
        { Mapping: MappingBehavior.EndpointIndependent, Filtering: FilteringBehavior.AddressAndPortDependent } => "port-restricted cone",
        { Mapping: MappingBehavior.AddressAndPortDependent, Filtering: FilteringBehavior.AddressAndPortDependent } => "symmetric",
        _ => $"{Describe(Mapping)} mapping with {Describe(Filtering)} filtering",
    };

    /// <summary>The RFC 4787 short form, e.g. "EIM + APDF".</summary>
    public string ShortName => OneToOne ? "1:1 (EIM + EIF, ports kept)" : $"{Abbreviate(Mapping)}M + {Abbreviate(Filtering)}F" + (Translates ? "" : " (no translation)");

    /// <summary>Full cone: endpoint-independent mapping and filtering.</summary>
    public static NatBehavior FullCone => new(MappingBehavior.EndpointIndependent, FilteringBehavior.EndpointIndependent);
    /// <summary>Restricted cone: endpoint-independent mapping, address-dependent filtering.</summary>
    public static NatBehavior RestrictedCone => new(MappingBehavior.EndpointIndependent, FilteringBehavior.AddressDependent);
    /// <summary>Port-restricted cone: endpoint-independent mapping, address-and-port-dependent filtering.</summary>
    public static NatBehavior PortRestrictedCone => new(MappingBehavior.EndpointIndependent, FilteringBehavior.AddressAndPortDependent);
    /// <summary>Symmetric: address-and-port-dependent mapping and filtering; ports are handed out in sequence.</summary>
    public static NatBehavior Symmetric => new(MappingBehavior.AddressAndPortDependent, FilteringBehavior.AddressAndPortDependent) { PortAllocation = PortAllocation.Sequential };
    /// <summary>1:1 NAT: a public address per inside host.</summary>
    public static NatBehavior OneToOneNat => new(MappingBehavior.EndpointIndependent, FilteringBehavior.EndpointIndependent) { OneToOne = true };
    /// <summary>A stateful firewall: lets replies in, blocks the unexpected, translates nothing.</summary>
    public static NatBehavior Firewall => new(MappingBehavior.EndpointIndependent, FilteringBehavior.AddressAndPortDependent) { Translates = false, Hairpinning = false };   // nothing to hairpin: it has no public address of its own for inside hosts

    /// <summary>
    /// A cheap home router: a port-restricted cone (EIM + APDF) that lacks two things RFC 4787 requires. It does not
    /// hairpin (REQ-9), so two devices behind it cannot reach each other through their public mappings; and it forgets
    /// an idle UDP mapping after 30 s instead of at least 2 minutes (REQ-5), so a call needs keepalives more often.
    /// </summary>
    public static NatBehavior CheapHomeRouter => PortRestrictedCone with { Hairpinning = false, MappingLifetime = TimeSpan.FromSeconds(30) };

    /// <summary>
    /// A carrier-grade NAT (RFC 6888, which carries RFC 4787's requirements over to CGNs): endpoint-independent mapping
    /// (REQ-1), filtering by address and port, paired pooling, hairpinning between its subscribers (RFC 4787 REQ-9).
    /// </summary>
    public static NatBehavior CarrierGrade => PortRestrictedCone;
    /// <summary>A stateful firewall that lets no UDP out at all (see <see cref="BlocksOutboundUdp"/>).</summary>
    public static NatBehavior UdpBlockingFirewall => Firewall with { BlocksOutboundUdp = true };

    /// <summary>Preset names as the command line accepts them.</summary>
    public static IReadOnlyDictionary<string, NatBehavior> Presets { get; } = new Dictionary<string, NatBehavior>(StringComparer.OrdinalIgnoreCase)
    {
        ["full-cone"] = FullCone,
        ["restricted-cone"] = RestrictedCone,
        ["port-restricted-cone"] = PortRestrictedCone,
        ["symmetric"] = Symmetric,
        ["one-to-one"] = OneToOneNat,
        ["firewall"] = Firewall,
        ["cheap-home-router"] = CheapHomeRouter,
        ["udp-blocked"] = UdpBlockingFirewall,
    };

    /// <summary>A preset by name; an unknown name gives an ArgumentException listing the valid ones.</summary>
    public static NatBehavior FromName(string name) =>
        Presets.TryGetValue(name, out var b) ? b : throw new ArgumentException($"Unknown NAT type '{name}'. Valid: {string.Join(", ", Presets.Keys)}.", nameof(name));

    public override string ToString() => $"{ClassicName} ({ShortName})";

    /// <summary>The RFC 4787 words for a mapping behaviour, e.g. "endpoint-independent".</summary>
    public static string Describe(MappingBehavior m) => m switch
    {
        MappingBehavior.EndpointIndependent => "endpoint-independent",
        MappingBehavior.AddressDependent => "address-dependent",
        _ => "address-and-port-dependent",
    };

    /// <summary>The RFC 4787 words for a filtering behaviour.</summary>
    public static string Describe(FilteringBehavior f) => f switch
    {
        FilteringBehavior.EndpointIndependent => "endpoint-independent",
        FilteringBehavior.AddressDependent => "address-dependent",
        _ => "address-and-port-dependent",
    };

    private static string Abbreviate(MappingBehavior m) => m switch
    {
        MappingBehavior.EndpointIndependent => "EI",
        MappingBehavior.AddressDependent => "AD",
        _ => "APD",
    };

    private static string Abbreviate(FilteringBehavior f) => f switch
    {
        FilteringBehavior.EndpointIndependent => "EI",
        FilteringBehavior.AddressDependent => "AD",
        _ => "APD",
    };
}
