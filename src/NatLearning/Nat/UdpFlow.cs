namespace NatLearning.Nat;

/// <summary>
/// The addresses and ports of one UDP packet: with its protocol (UDP, the only one the simulator carries), the 5-tuple
/// a NAT decides on. Addresses are IPv4 as numbers, as <see cref="Addressing.Ipv4.ToUInt32"/> gives them.
/// </summary>
internal readonly record struct UdpFlow(uint SourceIp, ushort SourcePort, uint DestinationIp, ushort DestinationPort)
{
    public override string ToString() => $"{Addressing.Ipv4.Format(SourceIp, SourcePort)} → {Addressing.Ipv4.Format(DestinationIp, DestinationPort)}";
}
