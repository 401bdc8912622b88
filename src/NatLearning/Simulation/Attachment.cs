using System.Net;
using NatLearning.Addressing;

namespace NatLearning.Simulation;

/// <summary>A node's interface on a segment: its address there and the link that joins them.</summary>
public sealed class Attachment
{
    internal Attachment(Node node, Segment segment, uint address, Link link)
    {
        Node = node;
        Segment = segment;
        AddressValue = address;
        Link = link;
    }

    public Node Node { get; }
    public Segment Segment { get; }
    public Link Link { get; }
    internal uint AddressValue { get; }
    public IPAddress Address => Ipv4.FromUInt32(AddressValue);

    public override string ToString() => $"{Node.Name} {Address} on {Segment.Name}";
}
