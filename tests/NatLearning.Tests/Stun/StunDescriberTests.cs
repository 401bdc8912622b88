using NatLearning.Lab;
using NatLearning.Nat;
using NatLearning.Simulation;
using NatLearning.Stun;
using NatLearning.Tracing;

namespace NatLearning.Tests.Stun;

public class StunDescriberTests
{
    [Fact]
    public void Packet_list_names_stun_messages_in_wiresharks_words()
    {
        var net = new Network(2);
        var stun = SimulatedStunServer.Add(net, "STUN server", "198.51.100.1");
        var socket = net.AddNat("Alice's router", NatBehavior.FullCone, "49.36.10.25").AddHost("Alice", "192.168.1.10").Bind(5000);
        var result = StunSimulation.Binding(socket, stun.Endpoint);

        var infos = net.Trace.WirePackets.Select(p => PacketDescriber.Describe(p.Bytes!)).ToList();
        Assert.Contains(("STUN", "Binding Request"), infos);
        Assert.Contains(("STUN", $"Binding Success Response XOR-MAPPED-ADDRESS: {result.MappedAddress}"), infos);
        Assert.Contains("Binding Request", net.Trace.ToPacketList());
    }

    [Fact]
    public void The_rfc_5769_response_reads_as_wireshark_shows_it()
    {
        Assert.True(new StunPayloadDescriber().TryDescribe(Rfc5769Vectors.Ipv4Response, 3478, 5000, out var protocol, out var info));
        Assert.Equal("STUN", protocol);
        Assert.Equal("Binding Success Response XOR-MAPPED-ADDRESS: 192.0.2.1:32853", info);
        Assert.False(new StunPayloadDescriber().TryDescribe("hello"u8, 1, 2, out _, out _));
    }
}
