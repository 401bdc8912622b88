using System.Net;
using NatLearning.Lab;
using NatLearning.Nat;
using NatLearning.Simulation;
using NatLearning.Stun;

namespace NatLearning.Tests.Stun;

public class StunClientTests
{
    [Fact]
    public void Binding_through_a_nat_learns_the_public_mapping_and_rtt()
    {
        var net = new Network(1);
        var stun = SimulatedStunServer.Add(net, "STUN server", "198.51.100.1");
        var router = net.AddNat("Alice's router", NatBehavior.PortRestrictedCone, "49.36.10.25");
        var socket = router.AddHost("Alice", "192.168.1.10").Bind(5000);
        var result = Bind(net, socket, stun.Endpoint);

        Assert.True(result.Succeeded, result.Summary);
        var mapping = router.Table.Entries.Single();
        Assert.Equal(mapping.InsideGlobal, result.MappedAddress);
        // Alice's LAN link (1 ms) and the router's internet link (10 ms), then the server's (10 ms), each way.
        Assert.Equal(TimeSpan.FromMilliseconds(2 * (1 + 1 + 10 + 10)), result.Rtt);
        Assert.Equal(1, result.RequestsSent);
        Assert.Equal(2, result.Transcript.Count);
    }

    [Fact]
    public void A_silent_server_gets_seven_requests_on_the_rfc_8489_schedule_then_a_timeout()
    {
        var net = new Network(1);
        var silent = net.AddHost("Silent", "198.51.100.9");
        silent.Bind(3478);   // a socket that reads and never answers
        var socket = net.AddHost("Alice", "203.0.113.10").Bind(5000);
        var result = Bind(net, socket, new IPEndPoint(silent.Address, 3478));

        Assert.False(result.Succeeded);
        Assert.Equal(7, result.RequestsSent);
        var sent = result.Transcript.Where(e => e.Outgoing).Select(e => e.Time.TotalMilliseconds).ToList();
        Assert.Equal([0, 500, 1500, 3500, 7500, 15500, 31500], sent);
        Assert.Equal(TimeSpan.FromMilliseconds(39500), net.Now);
        Assert.Equal(StunRetransmission.Rfc8489.GiveUpAfter, net.Now);
        Assert.Contains("no answer", result.Summary);
    }

    [Fact]
    public void A_lossy_link_is_survived_by_retransmission_and_rtt_counts_from_the_last_copy()
    {
        // Half of all packets are lost: find a seed where the first request or response is lost (the seed fixes which).
        for (var seed = 1; seed < 50; seed++)
        {
            var net = new Network(seed);
            var stun = SimulatedStunServer.Add(net, "STUN server", "198.51.100.1");
            var socket = net.AddHost("Alice", "203.0.113.10", Link.FromMilliseconds(10, loss: 0.5)).Bind(5000);
            var result = Bind(net, socket, stun.Endpoint);
            if (!result.Succeeded || result.RequestsSent < 2) continue;
            var sends = result.Transcript.Where(e => e.Outgoing).Select(e => e.Time).ToList();
            Assert.Equal(result.RequestsSent, sends.Count);
            for (var k = 1; k < sends.Count; k++)
                Assert.Equal(StunRetransmission.Rfc8489.WaitAfter(k), sends[k] - sends[k - 1]);
            Assert.Equal(TimeSpan.FromMilliseconds(40), result.Rtt);
            Assert.Equal(IPAddress.Parse("203.0.113.10"), result.MappedAddress!.Address);
            return;
        }
        Assert.Fail("no seed in 1..49 needed a retransmission");
    }

    private static BindingResult Bind(Network net, UdpSocket socket, IPEndPoint server)
    {
        Assert.Same(net, socket.Host.Network);
        return StunSimulation.Binding(socket, server);
    }
}
