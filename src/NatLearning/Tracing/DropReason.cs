namespace NatLearning.Tracing;

/// <summary>Why a packet went no further.</summary>
public enum DropReason
{
    /// <summary>No node owns the destination address on this segment (e.g. a private address on the public internet).</summary>
    NoRoute,
    /// <summary>A NAT got an inbound packet for a public port that has no mapping.</summary>
    NoMapping,
    /// <summary>Address-dependent filtering: the inside host never sent to this remote address.</summary>
    FilteredByAddress,
    /// <summary>Address-and-port-dependent filtering: the inside host sent to this address, but not from this remote port.</summary>
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
}
