namespace NatLearning.Tracing;

/// <summary>The pcap link-layer header type; both carry bare IPv4 packets with no link header.</summary>
public enum PcapLinkType : uint
{
    /// <summary>LINKTYPE_RAW: raw IPv4 or IPv6.</summary>
    Raw = 101,
    /// <summary>LINKTYPE_IPV4: raw IPv4 only.</summary>
    Ipv4 = 228,
}
