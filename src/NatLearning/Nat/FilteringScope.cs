namespace NatLearning.Nat;

/// <summary>
/// Whose contacts a filtering NAT checks an inbound packet against, when its mapping is not endpoint-independent (one
/// internal endpoint X:x then has several mappings, one per destination). With endpoint-independent mapping there is
/// one mapping per X:x, so both readings agree.
/// </summary>
public enum FilteringScope
{
    /// <summary>
    /// Only the contacts of the mapping the packet hits: what the NAT table shows for that row is exactly what lets a
    /// packet in. This is what Linux conntrack does (a reply must match the reply tuple of the connection it hits), and
    /// every home router we know of.
    /// </summary>
    PerMapping,

    /// <summary>
    /// RFC 4787 §5's literal reading: the filter asks whether X:x has sent to the packet's source through any of its
    /// mappings, so a packet may enter through a row made for another destination.
    /// </summary>
    PerInternalEndpoint,
}
