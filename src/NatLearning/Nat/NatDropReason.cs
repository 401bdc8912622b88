namespace NatLearning.Nat;

/// <summary>Why a NAT turned a packet away, in the NAT's own terms (the simulator names the same drops in its trace).</summary>
internal enum NatDropReason : byte
{
    /// <summary>Not dropped: the packet passes.</summary>
    None,
    /// <summary>The NAT lets no UDP out (<see cref="NatBehavior.BlocksOutboundUdp"/>).</summary>
    OutboundBlocked,
    /// <summary>No public port (or, for a 1:1 NAT, no public address) was left for a new mapping.</summary>
    NoFreePort,
    /// <summary>No mapping owns the public endpoint the packet is for.</summary>
    NoMapping,
    /// <summary>A mapping owned that endpoint, but its lifetime ran out (see <see cref="NatVerdict.ExpiredAt"/>).</summary>
    MappingExpired,
    /// <summary>RFC 4787 §5: the inside endpoint never sent to the sender's address.</summary>
    FilteredByAddress,
    /// <summary>RFC 4787 §5, address-and-port-dependent filtering: it sent to the address, never to this port.</summary>
    FilteredByPort,
    /// <summary>RFC 4787 §6: an inside host sent to the NAT's own public address and the NAT does not hairpin.</summary>
    HairpinOff,
}
