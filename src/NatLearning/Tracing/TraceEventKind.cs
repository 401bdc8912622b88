namespace NatLearning.Tracing;

public enum TraceEventKind
{
    /// <summary>A host's socket put a datagram on the wire.</summary>
    Sent,
    /// <summary>A NAT rewrote the addresses and sent the packet on.</summary>
    Translated,
    /// <summary>A router sent the packet on unchanged (a firewall that does not translate).</summary>
    Forwarded,
    /// <summary>A socket received the datagram.</summary>
    Delivered,
    /// <summary>The packet went no further; see the reason.</summary>
    Dropped,
    /// <summary>A NAT created a mapping (a row in its table).</summary>
    MappingCreated,
    /// <summary>A mapping's lifetime ran out and the NAT removed it.</summary>
    MappingExpired,
    /// <summary>A protocol event worth showing (a STUN transaction completing, a TURN permission installed ...).</summary>
    Note,
}
