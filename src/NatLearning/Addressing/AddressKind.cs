namespace NatLearning.Addressing;

/// <summary>What an IPv4 address means on the public internet.</summary>
public enum AddressKind
{
    /// <summary>Globally routable: any host on the internet can send to it.</summary>
    Public,
    /// <summary>RFC 1918 private space (10/8, 172.16/12, 192.168/16): meaningful only inside one network.</summary>
    Private,
    /// <summary>RFC 6598 shared address space (100.64/10), used between a carrier-grade NAT and its customers.</summary>
    SharedCgn,
    /// <summary>127/8, never leaves the machine.</summary>
    Loopback,
    /// <summary>169.254/16, self-assigned, never routed.</summary>
    LinkLocal,
    /// <summary>RFC 5737 documentation ranges (192.0.2/24, 198.51.100/24, 203.0.113/24).</summary>
    Documentation,
    /// <summary>0/8, 224/4 multicast, 240/4 reserved and broadcast.</summary>
    Reserved,
}
