namespace NatLearning.Tracing;

/// <summary>Why a packet went no further.</summary>
public enum DropReason
{
    /// <summary>No node owns the destination address on this segment (e.g. a private address on the public internet).</summary>
    NoRoute,
    /// <summary>A NAT got an inbound packet for a public port that has no mapping.</summary>
    NoMapping,
    /// <summary>
    /// A filter turned the packet away because the inside host never sent to the sender's address. Both filters that
    /// check addresses do this: address-dependent and address-and-port-dependent (a port-restricted cone's filter drops a
    /// stranger for its address before its port matters); the drop's detail names the filtering behaviour.
    /// </summary>
    FilteredByAddress,
    /// <summary>
    /// Only address-and-port-dependent filtering: the inside host sent to the sender's address, but never to this port.
    /// </summary>
    FilteredByPort,
    /// <summary>The mapping existed but its lifetime ran out before the packet came.</summary>
    MappingExpired,
    /// <summary>An inside host sent to the NAT's own public address and the NAT does not hairpin.</summary>
    HairpinOff,
    /// <summary>The packet reached the host but no socket is bound to its destination port.</summary>
    PortUnreachable,
    /// <summary>Lost on a link (seeded loss).</summary>
    LinkLoss,
    /// <summary>The time-to-live reached zero.</summary>
    TtlExpired,
    /// <summary>The NAT has no free public port left for a new mapping.</summary>
    NoFreePort,
    /// <summary>A firewall that blocks outbound UDP (<see cref="Nat.NatBehavior.BlocksOutboundUdp"/>) let nothing out.</summary>
    OutboundBlocked,
}
