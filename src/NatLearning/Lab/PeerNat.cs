using NatLearning.Ice;
using NatLearning.Nat;

namespace NatLearning.Lab;

/// <summary>
/// What stands between a peer and the internet in the experiments (hole punching, ICE): nothing, one NAT of a preset
/// behaviour, or a home router inside a carrier-grade NAT (double NAT, the carrier's LAN in 100.64.0.0/10, RFC 6598).
/// </summary>
public sealed record PeerNat
{
    private PeerNat(string name, NatBehavior? behavior, NatBehavior? carrier)
    {
        Name = name;
        Behavior = behavior;
        Carrier = carrier;
    }

    /// <summary>The name the command line uses: "none", a preset ("symmetric" ...), or "cgn".</summary>
    public string Name { get; }
    /// <summary>The NAT next to the peer (its home router); null for a public address.</summary>
    public NatBehavior? Behavior { get; }
    /// <summary>The carrier-grade NAT outside the home router, or null.</summary>
    public NatBehavior? Carrier { get; }

    public static PeerNat None { get; } = new("none", null, null);

    /// <summary>A home router (port-restricted cone) behind a carrier NAT; RFC 6888 REQ-1 asks CGNs for endpoint-independent mapping, and these filter by address and port.</summary>
    public static PeerNat CarrierGrade { get; } = new("cgn", NatBehavior.PortRestrictedCone, NatBehavior.CarrierGrade);

    public static PeerNat Of(string presetName, NatBehavior behavior) => new(presetName, behavior, null);

    /// <summary>A NAT of this behaviour, named as the command line names its preset (its classic name if it is none).</summary>
    public static PeerNat Of(NatBehavior behavior)
    {
        ArgumentNullException.ThrowIfNull(behavior);
        var preset = NatBehavior.Presets.FirstOrDefault(p => p.Value == behavior).Key;
        return new(preset ?? behavior.ClassicName, behavior, null);
    }

    /// <summary>The name in words, as the article's grid writes it: "no NAT", "full cone", "symmetric" ...</summary>
    public string ClassicName => Behavior is null ? "no NAT" : Carrier is null ? Behavior.ClassicName : $"{Behavior.ClassicName} behind a carrier-grade NAT";

    /// <summary>The grid of the article: no NAT and the four classic types.</summary>
    public static IReadOnlyList<PeerNat> Classic { get; } =
    [
        None, Of("full-cone", NatBehavior.FullCone), Of("restricted-cone", NatBehavior.RestrictedCone), Of("port-restricted-cone", NatBehavior.PortRestrictedCone), Of("symmetric", NatBehavior.Symmetric),
    ];

    /// <summary>The outcome grid's rows: no NAT, the four classic types, 1:1 NAT and a CGN double NAT.</summary>
    public static IReadOnlyList<PeerNat> Grid { get; } =
    [
        None,
        Of("full-cone", NatBehavior.FullCone),
        Of("restricted-cone", NatBehavior.RestrictedCone),
        Of("port-restricted-cone", NatBehavior.PortRestrictedCone),
        Of("symmetric", NatBehavior.Symmetric),
        Of("one-to-one", NatBehavior.OneToOneNat),
        CarrierGrade,
    ];

    /// <summary>"none", "cgn" or a NAT preset name; an unknown one gives an ArgumentException listing the valid names.</summary>
    public static PeerNat Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Equals("none", StringComparison.OrdinalIgnoreCase)) return None;
        if (name.Equals("cgn", StringComparison.OrdinalIgnoreCase)) return CarrierGrade;
        if (NatBehavior.Presets.TryGetValue(name, out var b)) return Of(name.ToLowerInvariant(), b);
        throw new ArgumentException($"Unknown NAT '{name}'. Valid: none, cgn, {string.Join(", ", NatBehavior.Presets.Keys)}.", nameof(name));
    }

    /// <summary>Endpoint-independent mapping all the way out (what RFC 4787 §4.1 asks for, so the server-reflexive address works toward any peer).</summary>
    public bool EndpointIndependentMapping =>
        (Behavior is null || Behavior.Mapping == MappingBehavior.EndpointIndependent) && (Carrier is null || Carrier.Mapping == MappingBehavior.EndpointIndependent);

    /// <summary>Some NAT on the way in filters by address and port (RFC 4787 §5).</summary>
    public bool AddressAndPortDependentFiltering =>
        Behavior is { OneToOne: false, Filtering: FilteringBehavior.AddressAndPortDependent } || Carrier is { Filtering: FilteringBehavior.AddressAndPortDependent };

    public override string ToString() => Name;
}
