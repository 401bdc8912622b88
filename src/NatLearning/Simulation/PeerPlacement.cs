using NatLearning.Nat;

namespace NatLearning.Simulation;

/// <summary>How the two-peer experiments (hole punching, ICE) put a peer behind its router, shared so they stay alike.</summary>
internal static class PeerPlacement
{
    /// <summary>
    /// Hands out ports in order from <paramref name="firstPort"/> (the article's 62000 / 54000) so traces read like the
    /// article; a NAT that randomises ports, a 1:1 NAT and a firewall keep their own rule.
    /// </summary>
    public static NatBehavior SequentialPorts(NatBehavior behavior, int firstPort) =>
        behavior.Translates && !behavior.OneToOne && behavior.PortAllocation != PortAllocation.Random
            ? behavior with { PortAllocation = PortAllocation.Sequential, FirstPort = firstPort }
            : behavior;

    /// <summary>A peer with a public address behind a non-translating firewall: the firewall's /24 is its LAN, the peer is .100.</summary>
    public static Host BehindFirewall(Network network, string name, NatBehavior firewall, string firewallAddress)
    {
        var prefix = string.Join('.', firewallAddress.Split('.')[..3]);
        return network.AddNat($"{name}'s firewall", firewall, firewallAddress, prefix + ".0/24").AddHost(name, prefix + ".100");
    }
}
