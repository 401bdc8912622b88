using NatLearning.Nat;
using NatLearning.Simulation;

namespace NatLearning.Lab;

/// <summary>
/// The course's cast in one place: Alice and Bob with their NATs, and the servers both can reach (signalling, STUN,
/// TURN), at the same addresses in every experiment, so a student meets 49.36.10.25 in chapter 03 and again in 09.
/// Addresses are from the documentation ranges (RFC 5737: 198.51.100.0/24, 203.0.113.0/24) where they are servers.
/// </summary>
public static class Stage
{
    public const string SignallingAddress = "198.51.100.10";
    public const int SignallingPort = 9000;
    public const string StunAddress = "198.51.100.20";
    public const string TurnAddress = "198.51.100.30";

    public static StageSide Alice { get; } = new("Alice", "49.36.10.25", "192.168.1.0/24", "192.168.1.10", "45.10.20.30", "100.64.1.2", 62000, 5000);
    public static StageSide Bob { get; } = new("Bob", "88.20.15.90", "192.168.0.0/24", "192.168.0.25", "88.90.100.110", "100.64.2.2", 54000, 7000);

    /// <summary>
    /// Puts a peer on the network behind <paramref name="nat"/>: on a public address (no NAT), behind a firewall, behind
    /// its home NAT, or behind a home router inside a carrier-grade NAT (double NAT).
    /// </summary>
    public static Host Place(Network net, StageSide side, PeerNat nat)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(side);
        ArgumentNullException.ThrowIfNull(nat);
        if (nat.Behavior is null) return net.AddHost(side.Name, side.Public);
        if (!nat.Behavior.Translates) return PeerPlacement.BehindFirewall(net, side.Name, nat.Behavior, side.NatPublic);
        var home = PeerPlacement.SequentialPorts(nat.Behavior, side.FirstPort);
        if (nat.Carrier is { } carrier)
        {
            var cgn = net.AddNat($"{side.Name}'s carrier NAT", PeerPlacement.SequentialPorts(carrier, side.FirstPort + 1000), side.NatPublic, "100.64.0.0/10");
            return cgn.AddNat($"{side.Name}'s home router", home, side.CarrierInside, side.Lan).AddHost(side.Name, side.Private);
        }
        return net.AddNat($"{side.Name}'s NAT", home, side.NatPublic, side.Lan).AddHost(side.Name, side.Private);
    }
}
