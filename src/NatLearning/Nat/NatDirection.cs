namespace NatLearning.Nat;

/// <summary>Which way a packet crosses a NAT, and so which of its addresses the NAT rewrites.</summary>
internal enum NatDirection : byte
{
    /// <summary>From inside to outside: the source becomes the mapping's public endpoint.</summary>
    Outbound,
    /// <summary>From outside in: the destination becomes the inside endpoint, if a mapping and the filter let it.</summary>
    Inbound,
    /// <summary>From inside to one of the NAT's own public endpoints (RFC 4787 §6): both are rewritten and it goes back in.</summary>
    Hairpin,
}
