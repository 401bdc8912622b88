namespace NatLearning.Scenarios;

/// <summary>Inputs a scenario may use. Every scenario takes a seed; others read what they need.</summary>
public sealed record ScenarioOptions
{
    public long Seed { get; init; } = 1;
    /// <summary>Trace every packet (the default); off for large runs.</summary>
    public bool Tracing { get; init; } = true;
    /// <summary>Alice's NAT for the scenarios that take one: "none" or a preset name (full-cone, restricted-cone, port-restricted-cone, symmetric, one-to-one, firewall).</summary>
    public string NatA { get; init; } = "port-restricted-cone";
    /// <summary>Bob's NAT, likewise.</summary>
    public string NatB { get; init; } = "port-restricted-cone";

    /// <summary>Offer a TURN server to the scenarios that can use one (ice).</summary>
    public bool Turn { get; init; }

    /// <summary>ice: after ICE has chosen, run the call on with consent freshness (RFC 7675) for 3 minutes, then let Bob leave.</summary>
    public bool Consent { get; init; }

    /// <summary>ice: how the controlling agent (Alice) nominates: RFC 8445's regular nomination, or RFC 5245's aggressive one.</summary>
    public Ice.NominationMode Nomination { get; init; } = Ice.NominationMode.Regular;

    /// <summary>How many peers the population scenario simulates.</summary>
    public int Peers { get; init; } = 1000;

    /// <summary>The names <see cref="NatA"/> and <see cref="NatB"/> accept.</summary>
    /// <remarks>"cgn" (a home router behind a carrier-grade NAT) is known to the ice scenarios only.</remarks>
    public static IReadOnlyList<string> NatNames { get; } = ["none", .. Nat.NatBehavior.Presets.Keys, "cgn"];
}
